package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.FaultSpec;
import io.dataflow.privatelink.simulator.common.RateBucketSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;

import java.time.Duration;
import java.util.Map;

import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.OWNER_KEY;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.PLATFORM_PRINCIPAL;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.SUBNET_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fault injection, rate buckets and call counters, seen from the SDK. A fresh simulator per test. */
class OperationsTest {

    private SimulatorHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void throttlingFaultSurfacesAsRequestLimitExceeded() {
        h = SimulatorHarness.start();
        h.simulator.injectFault("DescribeVpcEndpoints", FaultSpec.throttling().times(2));

        for (int i = 0; i < 2; i++) {
            Ec2Exception e = assertThrows(Ec2Exception.class, () -> h.platform.describeVpcEndpoints(r -> { }));
            assertEquals("RequestLimitExceeded", e.awsErrorDetails().errorCode());
            assertEquals(503, e.statusCode());
            assertTrue(e.isThrottlingException(), "the SDK must classify it as throttling");
        }
        h.platform.describeVpcEndpoints(r -> { }); // the fault is used up

        assertEquals(3, h.simulator.callCount("DescribeVpcEndpoints"));
        assertEquals(2, h.simulator.throttledCount());
        assertEquals(2, h.simulator.throttledCount("DescribeVpcEndpoints"));
    }

    @Test
    void theSdkRetriesThrottlingTransparentlyWithItsDefaultPolicy() {
        h = SimulatorHarness.start();
        Ec2Client retrying = h.client(SimulatorHarness.PLATFORM_KEY,
                b -> b.overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)));
        h.simulator.injectFault("DescribeVpcEndpoints", FaultSpec.throttling().times(1));

        retrying.describeVpcEndpoints(r -> { });
        assertEquals(2, h.simulator.callCount("DescribeVpcEndpoints"));
        assertEquals(1, h.simulator.throttledCount());
    }

    @Test
    void internalErrorAndLatencyFaults() {
        h = SimulatorHarness.start();
        h.simulator.injectFault("*", FaultSpec.internalError().times(1));
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> h.owner.describeVpcEndpointServices(r -> { }));
        assertEquals("InternalError", e.awsErrorDetails().errorCode());
        assertEquals(500, e.statusCode());

        h.simulator.injectFault("DescribeVpcEndpointServices", FaultSpec.latency(Duration.ofMillis(300)).times(1));
        long start = System.nanoTime();
        h.owner.describeVpcEndpointServices(r -> { });
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300);

        h.simulator.injectFault("DescribeVpcEndpointServices", FaultSpec.throttling().withProbability(0));
        h.owner.describeVpcEndpointServices(r -> { }); // never fires
        h.simulator.clearFaults();
        assertTrue(h.simulator.activeFaults().isEmpty());
    }

    @Test
    void rateBucketsThrottleEndpointCreationOnceEmpty() {
        h = SimulatorHarness.start(Ec2SimulatorConfig.builder()
                .rateLimitsEnabled(true)
                .rateBucket(Ec2SimulatorConfig.VPC_ENDPOINT_MUTATION, new RateBucketSpec(4, 0.001)) // effectively no refill during the test
                .build());
        ServiceConfiguration service = h.createSharedService(false);
        for (int i = 0; i < 4; i++) {
            h.createEndpoint(service.serviceName(), "bucket-" + i, Map.of(), SUBNET_A);
        }
        Ec2Exception e = assertThrows(Ec2Exception.class,
                () -> h.createEndpoint(service.serviceName(), "bucket-4", Map.of(), SUBNET_A));
        assertEquals("RequestLimitExceeded", e.awsErrorDetails().errorCode());
        assertEquals(1, h.simulator.throttledCount("CreateVpcEndpoint"));

        // Describe calls draw from their own bucket; other accounts have their own buckets.
        h.platform.describeVpcEndpoints(r -> { });
        h.owner.describeVpcEndpointConnections(r -> { });

        h.simulator.setRateLimitsEnabled(false);
        h.createEndpoint(service.serviceName(), "bucket-5", Map.of(), SUBNET_A);
    }

    @Test
    void callCountsAreExact() {
        h = SimulatorHarness.start();
        ServiceConfiguration service = h.createSharedService(true); // 1 create configuration + 1 modify permissions
        h.platform.describeVpcEndpointServices(r -> r.serviceNames(service.serviceName()));
        h.platform.describeVpcEndpointServices(r -> { });
        for (int i = 0; i < 3; i++) {
            h.createEndpoint(service.serviceName(), "count-" + i, Map.of(), SUBNET_A);
        }
        h.platform.describeVpcEndpoints(r -> { });
        assertThrows(Ec2Exception.class, () -> h.client("AKIDUNKNOWN").describeVpcEndpoints(r -> { }));

        assertEquals(Map.of(
                "CreateVpcEndpointServiceConfiguration", 1L,
                "ModifyVpcEndpointServicePermissions", 1L,
                "DescribeVpcEndpointServices", 2L,
                "CreateVpcEndpoint", 3L,
                "DescribeVpcEndpoints", 2L), h.simulator.callCounts());
        assertEquals(3, h.simulator.callCount("CreateVpcEndpoint"));
        assertEquals(0, h.simulator.callCount("AcceptVpcEndpointConnections"));

        h.simulator.resetCallCounts();
        assertEquals(Map.of(), h.simulator.callCounts());
        h.client(OWNER_KEY).modifyVpcEndpointServicePermissions(r -> r
                .serviceId(service.serviceId()).removeAllowedPrincipals(PLATFORM_PRINCIPAL));
        assertEquals(Map.of("ModifyVpcEndpointServicePermissions", 1L), h.simulator.callCounts());
    }
}
