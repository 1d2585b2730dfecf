package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.Concurrently;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.SUBNET_A;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Many SDK callers at once: idempotency and counters must hold without races. */
class ConcurrencyTest {

    @AutoClose
    private final SimulatorHarness h = SimulatorHarness.start();

    @Test
    void racingCreatesWithOneClientTokenMakeOneEndpoint() throws Exception {
        ServiceConfiguration service = h.createSharedService(true);
        var ids = new HashSet<>(Concurrently.call(16, i -> () -> h.createEndpoint(service.serviceName(),
                "same-token", Map.of(), SUBNET_A).vpcEndpoint().vpcEndpointId()));
        assertEquals(1, ids.size());
        assertEquals(1, h.platform.describeVpcEndpoints(r -> { }).vpcEndpoints().size());
        assertEquals(16, h.simulator.callCount("CreateVpcEndpoint"));
    }

    @Test
    void racingCreatesWithDistinctTokensAreAllKept() throws Exception {
        ServiceConfiguration service = h.createSharedService(false);
        var ids = new HashSet<>(Concurrently.call(40, i -> () -> h.createEndpoint(service.serviceName(),
                "token-" + i, Map.of(), SUBNET_A).vpcEndpoint().vpcEndpointId()));
        assertEquals(40, ids.size());
        List<String> described = h.platform.describeVpcEndpointsPaginator(r -> r.maxResults(7)).vpcEndpoints()
                .stream().map(e -> e.vpcEndpointId()).toList();
        assertEquals(ids, new HashSet<>(described));
        assertEquals(40, described.size());
    }
}
