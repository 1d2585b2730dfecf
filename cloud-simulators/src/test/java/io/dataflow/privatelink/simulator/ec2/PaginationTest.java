package io.dataflow.privatelink.simulator.ec2;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.SUBNET_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PaginationTest {

    private static SimulatorHarness h;
    private static List<String> created;

    @BeforeAll
    static void createTwelveEndpoints() {
        h = SimulatorHarness.start();
        ServiceConfiguration service = h.createSharedService(true);
        created = IntStream.range(0, 12)
                .mapToObj(i -> h.createEndpoint(service.serviceName(), "page-" + i, Map.of("n", "" + i), SUBNET_A)
                        .vpcEndpoint().vpcEndpointId())
                .toList();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void maxResultsFiveReturnsEveryEndpointExactlyOnce() {
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeVpcEndpointsResponse page = h.platform.describeVpcEndpoints(r -> r.maxResults(5).nextToken(next));
            page.vpcEndpoints().forEach(e -> seen.add(e.vpcEndpointId()));
            pageSizes.add(page.vpcEndpoints().size());
            token = page.nextToken();
        } while (token != null);

        assertEquals(List.of(5, 5, 2), pageSizes);
        assertEquals(12, seen.size());
        assertEquals(new HashSet<>(created), new HashSet<>(seen));
    }

    @Test
    void theSdkPaginatorWalksAllPages() {
        h.simulator.resetCallCounts(); // tests of this class run one at a time
        List<String> seen = h.platform.describeVpcEndpointsPaginator(r -> r.maxResults(5)).vpcEndpoints().stream()
                .map(VpcEndpoint::vpcEndpointId).toList();
        assertEquals(created, seen);
        assertEquals(3, h.simulator.callCount("DescribeVpcEndpoints"));
    }

    @Test
    void withoutMaxResultsEverythingComesInOnePage() {
        DescribeVpcEndpointsResponse all = h.platform.describeVpcEndpoints(r -> { });
        assertEquals(12, all.vpcEndpoints().size());
        assertNull(all.nextToken());
    }

    @Test
    void maxResultsBelowFiveAndBadTokensAreRejected() {
        Ec2Exception small = assertThrows(Ec2Exception.class, () -> h.platform.describeVpcEndpoints(r -> r.maxResults(4)));
        assertEquals("InvalidParameterValue", small.awsErrorDetails().errorCode());
        Ec2Exception token = assertThrows(Ec2Exception.class,
                () -> h.platform.describeVpcEndpoints(r -> r.maxResults(5).nextToken("garbage!")));
        assertEquals("InvalidPaginationToken", token.awsErrorDetails().errorCode());
    }

    @Test
    void connectionsPageForTheOwnerToo() {
        List<String> seen = h.owner.describeVpcEndpointConnectionsPaginator(r -> r.maxResults(5))
                .vpcEndpointConnections().stream().map(c -> c.vpcEndpointId()).toList();
        assertEquals(created, seen);
    }
}
