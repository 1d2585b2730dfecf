package io.dataflow.privatelink.simulator.ec2;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.PLATFORM_KEY;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.SUBNET_A;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.VPC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The same wire through the Apache HTTP client. It is also the client that can read 401 bodies: the JDK's
 * HttpURLConnection drops the body of a 401 to a streamed POST, so with the url-connection client an
 * {@code AuthFailure} (from real EC2 as from the simulator) arrives without its error code.
 */
class ApacheHttpClientTest {

    @AutoClose
    private final SimulatorHarness h = SimulatorHarness.start();

    private Ec2Client apache(String accessKey) {
        return h.client(accessKey, b -> b
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())));
    }

    @Test
    void unknownAccessKeyIsAuthFailure401() {
        Ec2Exception e = assertThrows(Ec2Exception.class, () -> apache("AKIDUNKNOWN").describeVpcEndpoints(r -> { }));
        assertEquals("AuthFailure", e.awsErrorDetails().errorCode());
        assertEquals(401, e.statusCode());
    }

    @Test
    void createAndDescribeWork() {
        var service = h.createSharedService(false);
        Ec2Client platform = apache(PLATFORM_KEY);
        String id = platform.createVpcEndpoint(r -> r.vpcEndpointType("Interface").vpcId(VPC)
                .serviceName(service.serviceName()).subnetIds(SUBNET_A)).vpcEndpoint().vpcEndpointId();
        assertEquals(id, platform.describeVpcEndpoints(r -> r.vpcEndpointIds(id)).vpcEndpoints().get(0).vpcEndpointId());
        Ec2Exception e = assertThrows(Ec2Exception.class,
                () -> platform.describeVpcEndpoints(r -> r.vpcEndpointIds("vpce-00000000000000000")));
        assertEquals("InvalidVpcEndpointId.NotFound", e.awsErrorDetails().errorCode());
    }
}
