package io.dataflow.privatelink.simulator.msk;

import io.dataflow.privatelink.simulator.common.FaultSpec;
import io.dataflow.privatelink.simulator.common.RateBucketSpec;
import io.dataflow.privatelink.simulator.ec2.Ec2SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kafka.model.KafkaException;
import software.amazon.awssdk.services.kafka.model.ServiceUnavailableException;
import software.amazon.awssdk.services.kafka.model.TooManyRequestsException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MSK calls are counted, faultable and metered by an MSK rate bucket of their own, seen from the SDK. */
class MskOperationsTest {

    private MskHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void faultsSurfaceAsMskErrorsAndCallsAreCounted() {
        h = MskHarness.start();
        h.simulator.injectFault("ListVpcConnections", FaultSpec.throttling().times(1));
        TooManyRequestsException throttled = assertThrows(TooManyRequestsException.class,
                () -> h.platform.listVpcConnections(r -> { }));
        assertEquals(429, throttled.statusCode());
        assertTrue(throttled.isThrottlingException(), "the SDK must classify it as throttling");
        h.platform.listVpcConnections(r -> { });

        h.simulator.injectFault("*", FaultSpec.serviceUnavailable().times(1));
        assertEquals(503, assertThrows(ServiceUnavailableException.class,
                () -> h.platform.listVpcConnections(r -> { })).statusCode());
        h.simulator.injectFault("DescribeClusterV2", FaultSpec.internalError().times(1));
        KafkaException internal = assertThrows(KafkaException.class, () -> h.owner.describeClusterV2(
                r -> r.clusterArn("arn:aws:kafka:us-east-1:222222222222:cluster/x/0-1")));
        assertEquals(500, internal.statusCode());
        assertEquals("InternalServerErrorException", internal.awsErrorDetails().errorCode());

        assertEquals(3, h.simulator.callCount("ListVpcConnections"));
        assertEquals(1, h.simulator.callCount("DescribeClusterV2"));
        assertEquals(1, h.simulator.throttledCount("ListVpcConnections"));
    }

    @Test
    void theMskBucketIsPerAccountAndRegionAndLeavesEc2Alone() {
        h = MskHarness.start(MskHarness.config().rateLimitsEnabled(true)
                .rateBucket(Ec2SimulatorConfig.MSK, new RateBucketSpec(2, 0)).build());
        h.platform.listVpcConnections(r -> { });
        h.platform.listVpcConnections(r -> { });
        assertThrows(TooManyRequestsException.class, () -> h.platform.listVpcConnections(r -> { }));
        // Another account has its own bucket.
        h.other.listVpcConnections(r -> { });
        assertEquals(1, h.simulator.throttledCount());
    }
}
