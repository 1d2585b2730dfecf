package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;
import io.dataflow.privatelink.contract.ResourceTags;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import io.dataflow.privatelink.simulator.ec2.Ec2SimulatorConfig;
import io.dataflow.privatelink.simulator.msk.MskClusterPolicy;
import io.dataflow.privatelink.simulator.msk.MskVpcConnectionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kafka.KafkaClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MSK side of the AWS worker through the real SDK against the simulator's MSK API (issue 31). */
class MskVpcConnectionsTest {

    private static final String PLATFORM = "111111111111";
    private static final String OWNER = "222222222222";
    private static final String VPC = "vpc-0platform0000001";
    private static final List<String> SUBNETS = List.of("subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2");

    private Ec2Simulator simulator;
    private KafkaClient platform;
    private MskVpcConnections connections;
    private String cluster;

    @BeforeEach
    void start() {
        simulator = Ec2Simulator.start(0, Ec2SimulatorConfig.builder()
                        .vpcConnectionAvailableDelay(Duration.ofMillis(200)).deletionDelay(Duration.ofMillis(100)).build())
                .addAccount(PLATFORM, "AKIDPLATFORM0000001").addAccount(OWNER, "AKIDOWNER0000000002")
                .registerSubnet(PLATFORM, VPC, SUBNETS.get(0), "use1-az1", "us-east-1a")
                .registerSubnet(PLATFORM, VPC, SUBNETS.get(1), "use1-az2", "us-east-1b");
        platform = KafkaClient.builder().region(Region.US_EAST_1).endpointOverride(simulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPLATFORM0000001",
                        "secret")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
        connections = new MskVpcConnections(platform, "test-deployment");
        cluster = simulator.createMskCluster(OWNER, "us-east-1", "orders", List.of("use1-az1", "use1-az2", "use1-az3"),
                false);
    }

    @AfterEach
    void stop() {
        platform.close();
        simulator.close();
    }

    @Test
    void theClustersMultiVpcSettingsAndPolicyAreWhatThePreflightReads() {
        assertTrue(connections.observeCluster(cluster, "us-east-1").isEmpty(), "no policy: the platform may not see it");
        simulator.putMskClusterPolicy(cluster, MskClusterPolicy.allowingMultiVpc(cluster, PLATFORM));
        MskClusterView view = connections.observeCluster(cluster, "us-east-1").orElseThrow();
        assertEquals(Set.of(), view.multiVpcAuthentications(), "multi-VPC not turned on yet");
        assertEquals(List.of("use1-az1", "use1-az2", "use1-az3"), view.zoneIds());
        assertTrue(view.provisioned());
        simulator.enableMultiVpc(cluster, io.dataflow.privatelink.simulator.msk.MskAuthentication.SASL_SCRAM);
        view = connections.observeCluster(cluster, "us-east-1").orElseThrow();
        assertEquals(Set.of(MskAuthentication.SASL_SCRAM), view.multiVpcAuthentications());
        assertEquals(java.util.Optional.empty(), MskPreflight.refusal(cluster, view, "us-east-1",
                MskAuthentication.SASL_SCRAM, PLATFORM, List.of("use1-az1", "use1-az2")));
    }

    @Test
    void aVpcConnectionIsCreatedOnceFoundByItsTagsWatchedAndDeleted() {
        ready();
        MskVpcConnectionView created = create("plc-one");
        assertEquals(ConnectionState.CREATING, created.state());
        // a crash after the create: the repeat finds the same one by its tags
        assertEquals(created.arn(), create("plc-one").arn());
        assertEquals(1, simulator.vpcConnectionsTagged(ResourceTags.CONNECTION_ID).size(), "one VPC connection");

        await().atMost(Duration.ofSeconds(10)).until(() -> connections.observeManaged(Map.of()).stream()
                .anyMatch(v -> v.arn().equals(created.arn()) && v.state() == ConnectionState.ACTIVE));
        MskVpcConnectionView known = connections.observeManaged(Map.of(created.arn(), "plc-one")).get(0);
        assertEquals("plc-one", known.connectionId());
        assertEquals("AVAILABLE", known.cloudState());
        // what changefeeds use once it is usable: the multi-VPC brokers of the connection's authentication
        String brokers = connections.bootstrapBrokers(cluster, MskAuthentication.SASL_SCRAM).orElseThrow();
        assertTrue(brokers.contains(".kafka.us-east-1.amazonaws.com:"), brokers);
        assertTrue(connections.bootstrapBrokers(cluster, MskAuthentication.SASL_IAM).isEmpty(),
                "multi-VPC is off for IAM: no brokers for it");

        connections.delete(created.arn());
        connections.delete(created.arn()); // already being deleted: no error
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.observeManaged(Map.of()).isEmpty());
        connections.delete(created.arn()); // gone: counts as deleted
    }

    @Test
    void anOwnersRejectionIsAFailureWithItsReasonAndAnotherDeploymentsConnectionIsNotOurs() {
        ready();
        MskVpcConnectionView created = create("plc-rejected");
        simulator.setVpcConnectionState(created.arn(), MskVpcConnectionState.REJECTED);
        MskVpcConnectionView rejected = connections.find("plc-rejected").orElseThrow();
        assertEquals(ConnectionState.FAILED, rejected.state());
        assertEquals(FailureReason.REJECTED_BY_OWNER, rejected.failureReason());

        MskVpcConnections another = new MskVpcConnections(platform, "another-deployment");
        assertTrue(another.observeManaged(Map.of()).isEmpty(), "another deployment sees none of ours");
        assertNull(MskVpcConnectionView.stateOf("UPDATING"));
    }

    private void ready() {
        simulator.putMskClusterPolicy(cluster, MskClusterPolicy.allowingMultiVpc(cluster, PLATFORM));
        simulator.enableMultiVpc(cluster, io.dataflow.privatelink.simulator.msk.MskAuthentication.SASL_SCRAM);
    }

    private MskVpcConnectionView create(String connectionId) {
        return connections.create(connectionId, "10000000000000000001", cluster, MskAuthentication.SASL_SCRAM, VPC,
                SUBNETS, List.of("sg-0123456789abcdef0"));
    }
}
