package io.dataflow.privatelink.worker.ownership;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentIdentityTest {

    @Test
    void aMarkerIsReadBackOnlyByTheDeploymentThatWroteIt() {
        DeploymentIdentity prod = new DeploymentIdentity("prod-us-east-1");
        DeploymentIdentity staging = new DeploymentIdentity("staging");
        String marker = prod.endpointMarker("plc-123");

        assertEquals(Optional.of("plc-123"), prod.connectionOfEndpointMarker(marker));
        assertEquals(Optional.empty(), staging.connectionOfEndpointMarker(marker));
        // a deployment whose id is a prefix of another's does not read the other's markers
        assertEquals(Optional.empty(), new DeploymentIdentity("prod").connectionOfEndpointMarker(marker));
        // the marker of the seed, without a deployment, belongs to no deployment
        assertEquals(Optional.empty(), prod.connectionOfEndpointMarker("dataflow-privatelink:connection-id=plc-123"));
        assertEquals(Optional.empty(), prod.connectionOfEndpointMarker(null));
    }

    @Test
    void zoneMarkersDifferPerDeployment() {
        assertTrue(!new DeploymentIdentity("a").zoneMarker("att-1").equals(new DeploymentIdentity("b").zoneMarker("att-1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Prod", "prod_1", "-prod", "prod us", "a-very-long-deployment-identity-that-goes-on-and-on"})
    void anIdentityThatNoCloudCouldCarryIsRefusedNamingTheSetting(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DeploymentIdentity(id));
        assertTrue(e.getMessage().contains("PLC_WORKER_DEPLOYMENT_ID"), e.getMessage());
    }
}
