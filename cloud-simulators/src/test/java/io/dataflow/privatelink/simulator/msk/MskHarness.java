package io.dataflow.privatelink.simulator.msk;

import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import io.dataflow.privatelink.simulator.ec2.Ec2SimulatorConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kafka.KafkaClient;
import software.amazon.awssdk.services.kafka.model.CreateVpcConnectionResponse;
import software.amazon.awssdk.services.kafka.model.VpcConnectivity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An EC2 simulator with three accounts (the platform creating VPC connections, a customer owning MSK clusters,
 * another account) and the real SDK {@code KafkaClient} for each, pointed at the simulator's endpoint. Retries
 * are off so each SDK call is exactly one HTTP request.
 */
final class MskHarness implements AutoCloseable {

    static final String PLATFORM_ACCOUNT = "111111111111";
    static final String PLATFORM_KEY = "AKIDPLATFORM0000001";
    static final String OWNER_ACCOUNT = "222222222222";
    static final String OWNER_KEY = "AKIDOWNER0000000002";
    static final String OTHER_ACCOUNT = "333333333333";
    static final String OTHER_KEY = "AKIDOTHER0000000003";

    static final String REGION = "us-east-1";
    /** The zones of the harness's clusters. */
    static final List<String> CLUSTER_ZONES = List.of("use1-az1", "use1-az2", "use1-az3");
    static final String VPC = "vpc-0platform0000001";
    /** The platform's subnets in use1-az1, use1-az2 (cluster zones) and use1-az4 (not one). */
    static final String SUBNET_A = "subnet-0aaaaaaaaaaaaaaa1";
    static final String SUBNET_B = "subnet-0bbbbbbbbbbbbbbb2";
    static final String SUBNET_D = "subnet-0ddddddddddddddd4";
    /** A second platform subnet in use1-az1. */
    static final String SUBNET_A2 = "subnet-0aaaaaaaaaaaaaaa2";
    static final String SECURITY_GROUP = "sg-0123456789abcdef0";

    final Ec2Simulator simulator;
    final KafkaClient platform;
    final KafkaClient owner;
    final KafkaClient other;
    private final List<KafkaClient> clients = new ArrayList<>();

    private MskHarness(Ec2SimulatorConfig config) {
        simulator = Ec2Simulator.start(0, config)
                .addAccount(PLATFORM_ACCOUNT, PLATFORM_KEY)
                .addAccount(OWNER_ACCOUNT, OWNER_KEY)
                .addAccount(OTHER_ACCOUNT, OTHER_KEY)
                .registerSubnet(PLATFORM_ACCOUNT, VPC, SUBNET_A, "use1-az1", "us-east-1a")
                .registerSubnet(PLATFORM_ACCOUNT, VPC, SUBNET_B, "use1-az2", "us-east-1b")
                .registerSubnet(PLATFORM_ACCOUNT, VPC, SUBNET_D, "use1-az4", "us-east-1d")
                .registerSubnet(PLATFORM_ACCOUNT, VPC, SUBNET_A2, "use1-az1", "us-east-1a");
        platform = client(PLATFORM_KEY, Region.US_EAST_1);
        owner = client(OWNER_KEY, Region.US_EAST_1);
        other = client(OTHER_KEY, Region.US_EAST_1);
    }

    static MskHarness start() {
        return start(config().build());
    }

    static MskHarness start(Ec2SimulatorConfig config) {
        return new MskHarness(config);
    }

    /** Short delays: a VPC connection is AVAILABLE after 300 ms, gone 100 ms after its deletion. */
    static Ec2SimulatorConfig.Builder config() {
        return Ec2SimulatorConfig.builder()
                .vpcConnectionAvailableDelay(Duration.ofMillis(300))
                .deletionDelay(Duration.ofMillis(100));
    }

    KafkaClient client(String accessKey, Region region) {
        KafkaClient client = KafkaClient.builder()
                .endpointOverride(simulator.endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "not-checked")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        clients.add(client);
        return client;
    }

    /** A provisioned cluster of the owner in {@link #CLUSTER_ZONES}; its ARN. */
    String cluster(String name) {
        return simulator.createMskCluster(OWNER_ACCOUNT, REGION, name, CLUSTER_ZONES, false);
    }

    /**
     * A cluster ready for the platform, as a customer following the docs leaves it: multi-VPC on for SASL/SCRAM
     * (through UpdateConnectivity) and a policy allowing the platform's account (through PutClusterPolicy).
     */
    String sharedCluster(String name) {
        String arn = cluster(name);
        String version = owner.describeClusterV2(r -> r.clusterArn(arn)).clusterInfo().currentVersion();
        owner.updateConnectivity(r -> r.clusterArn(arn).currentVersion(version)
                .connectivityInfo(c -> c.vpcConnectivity(scram())));
        owner.putClusterPolicy(r -> r.clusterArn(arn).policy(MskClusterPolicy.allowingMultiVpc(arn, PLATFORM_ACCOUNT)));
        return arn;
    }

    /** Multi-VPC connectivity on for SASL/SCRAM only. */
    static VpcConnectivity scram() {
        return VpcConnectivity.builder().clientAuthentication(a -> a.sasl(s -> s.scram(v -> v.enabled(true)))).build();
    }

    /** The platform's CreateVpcConnection with SASL/SCRAM in {@code subnets}. */
    CreateVpcConnectionResponse connect(String clusterArn, Map<String, String> tags, String... subnets) {
        return connect(platform, clusterArn, "SASL_SCRAM", tags, subnets);
    }

    static CreateVpcConnectionResponse connect(KafkaClient client, String clusterArn, String authentication,
                                               Map<String, String> tags, String... subnets) {
        return client.createVpcConnection(r -> r.targetClusterArn(clusterArn).authentication(authentication)
                .vpcId(VPC).clientSubnets(subnets).securityGroups(SECURITY_GROUP).tags(tags));
    }

    @Override
    public void close() {
        clients.forEach(KafkaClient::close);
        simulator.close();
    }
}
