package io.dataflow.privatelink.simulator.alicloud;

import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointServiceResponse;
import com.aliyuncs.privatelink.model.v20200415.EnableVpcEndpointConnectionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.call;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A simulator restarted on its state folder is the same cloud: what it acknowledged is kept. */
class StatePersistenceTest {

    @TempDir
    Path folder;

    @Test
    void aSecondSimulatorOnTheFolderSeesWhatTheFirstAcknowledged() throws Exception {
        try (AlicloudHarness first = AlicloudHarness.start(config(), folder)) {
            CreateVpcEndpointServiceResponse service = first.createSharedService(false);
            String id = first.createEndpoint(service.getServiceName(), r -> r.setClientToken("token-1")).getEndpointId();
            await().atMost(Duration.ofSeconds(10)).until(() -> first.statusOf(id).equals("Active/Pending"));
            EnableVpcEndpointConnectionRequest enable = new EnableVpcEndpointConnectionRequest();
            enable.setServiceId(service.getServiceId());
            enable.setEndpointId(id);
            call(first.owner, enable);
            await().atMost(Duration.ofSeconds(10)).until(() -> first.statusOf(id).equals("Active/Connected"));

            // The first one still runs and was not closed: only what it wrote before answering is there.
            try (AlicloudHarness second = AlicloudHarness.start(config(), folder)) {
                assertEquals("Active/Connected", second.statusOf(id), "the owner's decision is kept");
                assertEquals(id, second.createEndpoint(service.getServiceName(), r -> r.setClientToken("token-1"))
                        .getEndpointId(), "a client token replayed after the restart");
            }
        }
    }

    private static AlicloudSimulatorConfig.Builder config() {
        return AlicloudSimulatorConfig.builder().activeDelay(Duration.ofMillis(200)).connectDelay(Duration.ofMillis(200))
                .disconnectDelay(Duration.ofMillis(100)).deletionDelay(Duration.ofMillis(100));
    }
}
