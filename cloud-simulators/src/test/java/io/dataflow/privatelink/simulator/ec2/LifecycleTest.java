package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.SUBNET_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** State transitions under a hand-driven clock, plus the Java-API hooks for expiry, failure and drift. */
class LifecycleTest {

    private final MutableClock clock = new MutableClock();
    private SimulatorHarness h;
    private ServiceConfiguration service;

    @BeforeEach
    void start() {
        h = SimulatorHarness.start(Ec2SimulatorConfig.builder().clock(clock).build()); // default delays
        service = h.createSharedService(true);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private String newEndpoint() {
        return h.createEndpoint(service.serviceName(), null, Map.of(), SUBNET_A).vpcEndpoint().vpcEndpointId();
    }

    @Test
    void acceptMovesThroughPendingToAvailableAfterTheConfiguredDelay() {
        String id = newEndpoint();
        clock.advance(Duration.ofHours(1)); // nothing happens without acceptance
        assertEquals("pendingAcceptance", h.stateOf(id));

        h.owner.acceptVpcEndpointConnections(r -> r.serviceId(service.serviceId()).vpcEndpointIds(id));
        assertEquals("pending", h.stateOf(id));
        clock.advance(Duration.ofMillis(999));
        assertEquals("pending", h.stateOf(id));
        clock.advance(Duration.ofMillis(1));
        assertEquals("available", h.stateOf(id));
    }

    @Test
    void deleteShowsDeletingUntilTheDelayPasses() {
        String id = newEndpoint();
        h.platform.deleteVpcEndpoints(r -> r.vpcEndpointIds(id));
        assertEquals("deleting", h.stateOf(id));
        clock.advance(Duration.ofMillis(200));
        Ec2Exception gone = assertThrows(Ec2Exception.class, () -> h.describe(id));
        assertEquals("InvalidVpcEndpointId.NotFound", gone.awsErrorDetails().errorCode());
        assertEquals(Optional.empty(), h.simulator.endpointState(id));
    }

    @Test
    void hooksSimulateFailureExpiryAndDrift() {
        String id = newEndpoint();
        h.simulator.setEndpointState(id, VpcEndpointState.FAILED);
        assertEquals("failed", h.stateOf(id));
        h.simulator.setEndpointState(id, VpcEndpointState.EXPIRED);
        assertEquals("expired", h.stateOf(id));
        assertEquals(Optional.of(VpcEndpointState.EXPIRED), h.simulator.endpointState(id));

        assertTrue(h.simulator.deleteEndpointOutOfBand(id));
        assertTrue(h.platform.describeVpcEndpoints(r -> { }).vpcEndpoints().isEmpty());
    }

    @Test
    void rejectedConnectionsCanStillBeAccepted() {
        String id = newEndpoint();
        h.owner.rejectVpcEndpointConnections(r -> r.serviceId(service.serviceId()).vpcEndpointIds(id));
        assertEquals("rejected", h.stateOf(id));
        h.owner.acceptVpcEndpointConnections(r -> r.serviceId(service.serviceId()).vpcEndpointIds(id));
        assertEquals("pending", h.stateOf(id));
    }
}
