package io.dataflow.privatelink.simulator.ec2;

import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.SUBNET_A;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;

/** Many SDK callers at once: idempotency and counters must hold without races. */
class ConcurrencyTest {

    private SimulatorHarness h;
    private ExecutorService pool;

    @BeforeEach
    void start() {
        h = SimulatorHarness.start();
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        h.close();
    }

    @Test
    void racingCreatesWithOneClientTokenMakeOneEndpoint() throws Exception {
        ServiceConfiguration service = h.createSharedService(true);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add(pool.submit(() -> h.createEndpoint(service.serviceName(), "same-token", Map.of(), SUBNET_A)
                    .vpcEndpoint().vpcEndpointId()));
        }
        var ids = new HashSet<String>();
        for (Future<String> f : results) {
            ids.add(f.get());
        }
        assertEquals(1, ids.size());
        assertEquals(1, h.platform.describeVpcEndpoints(r -> { }).vpcEndpoints().size());
        assertEquals(16, h.simulator.callCount("CreateVpcEndpoint"));
    }

    @Test
    void racingCreatesWithDistinctTokensAreAllKept() throws Exception {
        ServiceConfiguration service = h.createSharedService(false);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String token = "token-" + i;
            results.add(pool.submit(() -> h.createEndpoint(service.serviceName(), token, Map.of(), SUBNET_A)
                    .vpcEndpoint().vpcEndpointId()));
        }
        var ids = new HashSet<String>();
        for (Future<String> f : results) {
            ids.add(f.get());
        }
        assertEquals(40, ids.size());
        List<String> described = h.platform.describeVpcEndpointsPaginator(r -> r.maxResults(7)).vpcEndpoints()
                .stream().map(e -> e.vpcEndpointId()).toList();
        assertEquals(ids, new HashSet<>(described));
        assertEquals(40, described.size());
    }
}
