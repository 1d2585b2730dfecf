package io.dataflow.privatelink.simulator.alicloud;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointServiceResponse;
import com.aliyuncs.privatelink.model.v20200415.DeleteVpcEndpointRequest;
import com.aliyuncs.privatelink.model.v20200415.DisableVpcEndpointConnectionRequest;
import com.aliyuncs.privatelink.model.v20200415.EnableVpcEndpointConnectionRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import io.dataflow.privatelink.simulator.MutableClock;
import io.dataflow.privatelink.simulator.common.Acceptance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Status transitions under a hand-driven clock, plus the Java-API hooks for failure, drift and deleted services. */
class LifecycleTest {

    private final MutableClock clock = new MutableClock();
    private AlicloudHarness h;
    private CreateVpcEndpointServiceResponse service;

    @BeforeEach
    void start() throws ClientException {
        h = AlicloudHarness.start(AlicloudSimulatorConfig.builder().clock(clock)); // default delays
        service = h.createSharedService(false);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private String newEndpoint() throws ClientException {
        return h.createEndpoint(service.getServiceName()).getEndpointId();
    }

    private EnableVpcEndpointConnectionRequest enable(String endpointId) {
        EnableVpcEndpointConnectionRequest request = new EnableVpcEndpointConnectionRequest();
        request.setServiceId(service.getServiceId());
        request.setEndpointId(endpointId);
        return request;
    }

    @Test
    void creatingTurnsActiveAfterTheDelayAndAcceptanceConnectsAfterItsOwn() throws Exception {
        String id = newEndpoint();
        clock.advance(Duration.ofMillis(999));
        assertEquals("Creating/Disconnected", h.statusOf(id));
        ClientException tooEarly = assertThrows(ClientException.class, () -> call(h.owner, enable(id)));
        assertEquals("EndpointConnectionOperationDenied", tooEarly.getErrCode());

        clock.advance(Duration.ofMillis(1));
        assertEquals("Active/Pending", h.statusOf(id));
        clock.advance(Duration.ofHours(1)); // nothing happens without acceptance
        assertEquals("Active/Pending", h.statusOf(id));

        call(h.owner, enable(id));
        clock.advance(Duration.ofMillis(499));
        assertEquals("Active/Connecting", h.statusOf(id));
        clock.advance(Duration.ofMillis(1));
        assertEquals("Active/Connected", h.statusOf(id));

        DisableVpcEndpointConnectionRequest disable = new DisableVpcEndpointConnectionRequest();
        disable.setServiceId(service.getServiceId());
        disable.setEndpointId(id);
        call(h.owner, disable);
        clock.advance(Duration.ofMillis(199));
        assertEquals("Active/Disconnecting", h.statusOf(id));
        clock.advance(Duration.ofMillis(1));
        assertEquals("Active/Disconnected", h.statusOf(id));

        call(h.owner, enable(id)); // a rejected connection can be accepted later
        assertEquals("Active/Connecting", h.statusOf(id));
    }

    @Test
    void transitionsThatFellDueWhileNobodyLookedAreAllApplied() throws Exception {
        h.simulator.addUserToService(h.simulator.createEndpointService(AlicloudHarness.OWNER_UID,
                AlicloudHarness.REGION, Acceptance.AUTOMATIC, List.of(AlicloudHarness.ZONE_H)).serviceId(), AlicloudHarness.PLATFORM_UID);
        String id = newEndpoint();
        clock.advance(Duration.ofDays(1));
        assertEquals(Optional.of(EndpointStatus.ACTIVE), h.simulator.endpointStatus(id));
        assertEquals(Optional.of(ConnectionStatus.PENDING), h.simulator.connectionStatus(id));
    }

    @Test
    void deleteShowsDeletingUntilTheDelayPasses() throws Exception {
        String id = newEndpoint();
        DeleteVpcEndpointRequest delete = new DeleteVpcEndpointRequest();
        delete.setEndpointId(id);
        call(h.platform, delete);
        assertEquals("Deleting", h.describe(id).getEndpointStatus());
        call(h.platform, delete); // deleting a Deleting endpoint again is accepted
        clock.advance(Duration.ofMillis(199));
        assertEquals("Deleting", h.describe(id).getEndpointStatus());
        clock.advance(Duration.ofMillis(1));
        assertEquals("EndpointNotFound", assertThrows(ClientException.class, () -> h.describe(id)).getErrCode());
        assertEquals(Optional.empty(), h.simulator.endpointStatus(id));
    }

    @Test
    void hooksForceStatusesAndSimulateDrift() throws Exception {
        String id = newEndpoint();
        clock.advance(Duration.ofSeconds(1));
        h.simulator.setEndpointStatus(id, EndpointStatus.INACTIVE);
        h.simulator.setConnectionStatus(id, ConnectionStatus.DISCONNECTED);
        assertEquals("Inactive/Disconnected", h.statusOf(id));
        h.simulator.setEndpointStatus(id, EndpointStatus.ACTIVE);
        h.simulator.setConnectionStatus(id, ConnectionStatus.CONNECTING);
        clock.advance(Duration.ofMillis(500));
        assertEquals("Active/Connected", h.statusOf(id));

        assertTrue(h.simulator.deleteEndpointOutOfBand(id));
        assertFalse(h.simulator.deleteEndpointOutOfBand(id));
        assertTrue(call(h.platform, new ListVpcEndpointsRequest()).getEndpoints().isEmpty());
    }

    @Test
    void aServiceDeletedUnderItsEndpointsShowsServiceDeleted() throws Exception {
        String active = newEndpoint();
        clock.advance(Duration.ofSeconds(1));
        String creating = newEndpoint();

        assertTrue(h.simulator.deleteServiceOutOfBand(service.getServiceId()));
        assertEquals("Active/ServiceDeleted", h.statusOf(active));
        assertEquals("Creating/Disconnected", h.statusOf(creating));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("Active/ServiceDeleted", h.statusOf(creating));

        ClientException gone = assertThrows(ClientException.class, () -> call(h.owner, enable(active)));
        assertEquals("EndpointServiceNotFound", gone.getErrCode());
    }
}
