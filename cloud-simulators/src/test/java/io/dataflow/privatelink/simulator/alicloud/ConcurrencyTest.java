package io.dataflow.privatelink.simulator.alicloud;

import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointServiceResponse;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import io.dataflow.privatelink.simulator.common.Concurrently;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Many SDK callers at once: ClientToken idempotency and the counters must hold without races. */
class ConcurrencyTest {

    @AutoClose
    private final AlicloudHarness h = AlicloudHarness.start();

    @Test
    void racingCreatesWithOneClientTokenMakeOneEndpoint() throws Exception {
        CreateVpcEndpointServiceResponse service = h.createSharedService(false);
        Set<String> ids = new HashSet<>(Concurrently.call(16, i -> () -> h.createEndpoint(service.getServiceName(),
                r -> r.setClientToken("plc-same-token")).getEndpointId()));
        assertEquals(1, ids.size());
        assertEquals(1, call(h.platform, new ListVpcEndpointsRequest()).getEndpoints().size());
        assertEquals(16, h.simulator.callCount("CreateVpcEndpoint"));
    }
}
