package io.dataflow.privatelink.deploy.chaos;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.privatelink.model.v20200415.EnableVpcEndpointConnectionRequest;
import com.aliyuncs.profile.DefaultProfile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The customers, as owners of the endpoint services: they accept or reject the platform's endpoints
 * through their cloud's own API (EC2 {@code AcceptVpcEndpointConnections} / {@code Reject…}, Alibaba Cloud
 * {@code EnableVpcEndpointConnection}), trying again while the cloud throttles, errs or is out of reach.
 */
final class CloudOwners implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final Ec2Client ec2;
    private final DefaultAcsClient alicloud;
    private final Map<String, String> env;

    CloudOwners(Map<String, String> env) {
        this.env = env;
        this.ec2 = Ec2Client.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(env.get("PLC_EC2_ENDPOINT")))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(env.get("PLC_AWS_CUSTOMER_ACCESS_KEY"), "customer-secret")))
                .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)))
                .build();
        this.alicloud = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou",
                env.get("PLC_ALICLOUD_CUSTOMER_ACCESS_KEY"), env.get("PLC_ALICLOUD_CUSTOMER_ACCESS_SECRET")));
        alicloud.setEndpointResolver(request -> URI.create(env.get("PLC_ALICLOUD_ENDPOINT")).getAuthority());
    }

    void acceptAws(String endpointId) {
        persist("accept " + endpointId, () -> ec2.acceptVpcEndpointConnections(r -> r
                .serviceId(env.get("PLC_AWS_SERVICE_ID")).vpcEndpointIds(endpointId)));
    }

    void rejectAws(String endpointId) {
        persist("reject " + endpointId, () -> ec2.rejectVpcEndpointConnections(r -> r
                .serviceId(env.get("PLC_AWS_SERVICE_ID")).vpcEndpointIds(endpointId)));
    }

    void acceptAlicloud(String endpointId) {
        persist("enable " + endpointId, () -> {
            EnableVpcEndpointConnectionRequest enable = new EnableVpcEndpointConnectionRequest();
            enable.setSysProtocol(ProtocolType.HTTP);
            enable.setServiceId(env.get("PLC_ALICLOUD_SERVICE_ID"));
            enable.setEndpointId(endpointId);
            alicloud.getAcsResponse(enable);
            return null;
        });
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void persist(String what, Call call) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                call.run();
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the owner could not " + what + ": " + e.getMessage(), e);
                }
                PlatformApi.pause(500);
            }
        }
    }

    @Override
    public void close() {
        ec2.close();
        alicloud.shutdown();
    }
}
