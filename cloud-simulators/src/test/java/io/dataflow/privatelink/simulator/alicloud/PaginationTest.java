package io.dataflow.privatelink.simulator.alicloud;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointServiceResponse;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointServicesByEndUserRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsResponse;
import io.dataflow.privatelink.simulator.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MaxResults/NextToken paging and the filters of ListVpcEndpoints, as a worker watching its endpoints uses them. */
class PaginationTest {

    private final MutableClock clock = new MutableClock();
    private AlicloudHarness h;
    private CreateVpcEndpointServiceResponse service;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void start() throws ClientException {
        h = AlicloudHarness.start(AlicloudSimulatorConfig.builder().clock(clock)); // statuses stand still
        service = h.createSharedService(true);
        for (int i = 0; i < 12; i++) {
            String name = "plc-" + i;
            created.add(h.createEndpoint(service.getServiceName(), r -> r.setEndpointName(name)).getEndpointId());
        }
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void pagesOfFiveReturnEachOfTwelveEndpointsOnce() throws ClientException {
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String nextToken = null;
        do {
            ListVpcEndpointsRequest request = new ListVpcEndpointsRequest();
            request.setMaxResults(5);
            request.setNextToken(nextToken);
            ListVpcEndpointsResponse page = call(h.platform, request);
            page.getEndpoints().forEach(e -> seen.add(e.getEndpointId()));
            pageSizes.add(page.getEndpoints().size());
            assertEquals("5", page.getMaxResults());
            nextToken = page.getNextToken();
        } while (nextToken != null && !nextToken.isEmpty());

        assertEquals(List.of(5, 5, 2), pageSizes);
        assertEquals(created, seen, "creation order, each endpoint once");
        assertEquals(3, h.simulator.callCount("ListVpcEndpoints"));
    }

    @Test
    void theDefaultPageHoldsFiftyAndFiltersNarrowIt() throws ClientException {
        ListVpcEndpointsResponse all = call(h.platform, new ListVpcEndpointsRequest());
        assertEquals(12, all.getEndpoints().size());
        assertEquals("50", all.getMaxResults());
        assertNull(all.getNextToken());

        ListVpcEndpointsRequest byName = new ListVpcEndpointsRequest();
        byName.setEndpointName("plc-7");
        List<ListVpcEndpointsResponse.Endpoint> named = call(h.platform, byName).getEndpoints();
        assertEquals(1, named.size());
        assertEquals(created.get(7), named.get(0).getEndpointId());
        assertEquals("plc-7", named.get(0).getEndpointName());
        assertNotNull(named.get(0).getEndpointDomain());

        ListVpcEndpointsRequest byServiceAndStatus = new ListVpcEndpointsRequest();
        byServiceAndStatus.setServiceName(service.getServiceName());
        byServiceAndStatus.setEndpointStatus("Creating");
        byServiceAndStatus.setVpcId(AlicloudHarness.VPC);
        assertEquals(12, call(h.platform, byServiceAndStatus).getEndpoints().size());
        byServiceAndStatus.setConnectionStatus("Connected");
        assertTrue(call(h.platform, byServiceAndStatus).getEndpoints().isEmpty());

        ListVpcEndpointsRequest byId = new ListVpcEndpointsRequest();
        byId.setEndpointId(created.get(3));
        assertEquals(Set.of(created.get(3)), new HashSet<>(call(h.platform, byId).getEndpoints().stream()
                .map(ListVpcEndpointsResponse.Endpoint::getEndpointId).toList()));
    }

    @Test
    void badPagingParametersAreRejected() {
        ListVpcEndpointsRequest tooMany = new ListVpcEndpointsRequest();
        tooMany.setMaxResults(1001);
        assertEquals("InvalidParameter", assertThrows(ClientException.class,
                () -> call(h.platform, tooMany)).getErrCode());
        ListVpcEndpointsRequest badToken = new ListVpcEndpointsRequest();
        badToken.setNextToken("not-a-token");
        assertEquals("InvalidNextToken", assertThrows(ClientException.class,
                () -> call(h.platform, badToken)).getErrCode());
    }

    @Test
    void servicesPageToo() throws ClientException {
        for (int i = 0; i < 3; i++) {
            h.createSharedService(false);
        }
        ListVpcEndpointServicesByEndUserRequest request = new ListVpcEndpointServicesByEndUserRequest();
        request.setMaxResults(3);
        var first = call(h.platform, request);
        assertEquals(3, first.getServices().size());
        request.setNextToken(first.getNextToken());
        var second = call(h.platform, request);
        assertEquals(1, second.getServices().size());
        assertNull(second.getNextToken());
    }
}
