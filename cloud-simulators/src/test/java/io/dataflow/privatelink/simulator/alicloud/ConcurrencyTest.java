package io.dataflow.privatelink.simulator.alicloud;

import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointServiceResponse;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many SDK callers at once: ClientToken idempotency and the counters must hold without races. */
class ConcurrencyTest {

    private AlicloudHarness h;
    private ExecutorService pool;

    @BeforeEach
    void start() {
        h = AlicloudHarness.start();
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        h.close();
    }

    @Test
    void racingCreatesWithOneClientTokenMakeOneEndpoint() throws Exception {
        CreateVpcEndpointServiceResponse service = h.createSharedService(false);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add(pool.submit(() -> h.createEndpoint(service.getServiceName(),
                    r -> r.setClientToken("plc-same-token")).getEndpointId()));
        }
        Set<String> ids = new HashSet<>();
        for (Future<String> f : results) {
            ids.add(f.get());
        }
        assertEquals(1, ids.size());
        assertEquals(1, call(h.platform, new ListVpcEndpointsRequest()).getEndpoints().size());
        assertEquals(16, h.simulator.callCount("CreateVpcEndpoint"));
    }
}
