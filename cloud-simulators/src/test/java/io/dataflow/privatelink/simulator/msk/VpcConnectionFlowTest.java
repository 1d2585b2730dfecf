package io.dataflow.privatelink.simulator.msk;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kafka.model.BadRequestException;
import software.amazon.awssdk.services.kafka.model.BrokerNodeGroupInfo;
import software.amazon.awssdk.services.kafka.model.ClientVpcConnection;
import software.amazon.awssdk.services.kafka.model.Cluster;
import software.amazon.awssdk.services.kafka.model.ClusterInfo;
import software.amazon.awssdk.services.kafka.model.ClusterState;
import software.amazon.awssdk.services.kafka.model.ClusterType;
import software.amazon.awssdk.services.kafka.model.CreateVpcConnectionResponse;
import software.amazon.awssdk.services.kafka.model.DescribeVpcConnectionResponse;
import software.amazon.awssdk.services.kafka.model.GetBootstrapBrokersResponse;
import software.amazon.awssdk.services.kafka.model.ListVpcConnectionsResponse;
import software.amazon.awssdk.services.kafka.model.NotFoundException;
import software.amazon.awssdk.services.kafka.model.VpcConnection;
import software.amazon.awssdk.services.kafka.model.VpcConnectionState;
import software.amazon.awssdk.services.kafka.model.VpcConnectivityClientAuthentication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.dataflow.privatelink.simulator.msk.MskHarness.CLUSTER_ZONES;
import static io.dataflow.privatelink.simulator.msk.MskHarness.OWNER_ACCOUNT;
import static io.dataflow.privatelink.simulator.msk.MskHarness.PLATFORM_ACCOUNT;
import static io.dataflow.privatelink.simulator.msk.MskHarness.SECURITY_GROUP;
import static io.dataflow.privatelink.simulator.msk.MskHarness.SUBNET_A;
import static io.dataflow.privatelink.simulator.msk.MskHarness.SUBNET_B;
import static io.dataflow.privatelink.simulator.msk.MskHarness.VPC;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MSK multi-VPC private connectivity end to end, through the real SDK {@code KafkaClient} only. */
class VpcConnectionFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static MskHarness h;

    @BeforeAll
    static void start() {
        h = MskHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void theOwnerSharesTheClusterAndThePlatformSeesItsZonesAndSettings() {
        String arn = h.cluster("orders");
        assertTrue(arn.matches("arn:aws:kafka:us-east-1:" + OWNER_ACCOUNT
                + ":cluster/orders/[0-9a-f-]{36}-\\d+"), arn);
        Cluster before = h.owner.describeClusterV2(r -> r.clusterArn(arn)).clusterInfo();
        assertEquals(ClusterType.PROVISIONED, before.clusterType());
        assertEquals(ClusterState.ACTIVE, before.state());
        assertNull(before.provisioned().brokerNodeGroupInfo().connectivityInfo().vpcConnectivity(),
                "no multi-VPC settings before they are turned on");

        var updated = h.owner.updateConnectivity(r -> r.clusterArn(arn).currentVersion(before.currentVersion())
                .connectivityInfo(c -> c.vpcConnectivity(MskHarness.scram())));
        assertEquals(arn, updated.clusterArn());
        assertNotNull(updated.clusterOperationArn());
        String policy = MskClusterPolicy.allowingMultiVpc(arn, PLATFORM_ACCOUNT);
        String policyVersion = h.owner.putClusterPolicy(r -> r.clusterArn(arn).policy(policy)).currentVersion();
        assertEquals(policy, h.owner.getClusterPolicy(r -> r.clusterArn(arn)).policy());
        assertEquals(policyVersion, h.owner.getClusterPolicy(r -> r.clusterArn(arn)).currentVersion());

        // What the platform's pre-flight reads, allowed by the policy.
        Cluster seen = h.platform.describeClusterV2(r -> r.clusterArn(arn)).clusterInfo();
        assertEquals(ClusterType.PROVISIONED, seen.clusterType());
        assertEquals("orders", seen.clusterName());
        assertTrue(seen.provisioned().clientAuthentication().sasl().scram().enabled());
        assertTrue(seen.provisioned().clientAuthentication().sasl().iam().enabled());
        BrokerNodeGroupInfo brokers = seen.provisioned().brokerNodeGroupInfo();
        assertEquals(CLUSTER_ZONES, brokers.zoneIds());
        assertEquals(3, brokers.clientSubnets().size());
        assertEquals(3, seen.provisioned().numberOfBrokerNodes());
        VpcConnectivityClientAuthentication multiVpc = brokers.connectivityInfo().vpcConnectivity().clientAuthentication();
        assertTrue(multiVpc.sasl().scram().enabled());
        assertFalse(multiVpc.sasl().iam().enabled());
        assertFalse(multiVpc.tls().enabled());
        assertTrue(seen.creationTime() != null && seen.currentVersion() != null);
        // DescribeCluster (v1) has the same at its top level.
        ClusterInfo v1 = h.platform.describeCluster(r -> r.clusterArn(arn)).clusterInfo();
        assertEquals(brokers, v1.brokerNodeGroupInfo());
        assertEquals(seen.provisioned().clientAuthentication(), v1.clientAuthentication());
        assertEquals(seen.currentVersion(), v1.currentVersion());
        assertEquals(Optional.of(arn), h.simulator.findMskCluster(OWNER_ACCOUNT, "us-east-1", "orders"));
        assertThrows(IllegalArgumentException.class, () -> h.cluster("orders"), "the name is taken");
        assertTrue(!seen.currentVersion().equals(before.currentVersion()), "UpdateConnectivity made a new version");
    }

    @Test
    void aVpcConnectionBecomesAvailableIsDescribedTaggedAndDeleted() {
        String cluster = h.sharedCluster("payments");
        CreateVpcConnectionResponse created = h.connect(cluster, Map.of("plc", "c-1", "team", "dataflow"),
                SUBNET_A, SUBNET_B);
        String arn = created.vpcConnectionArn();
        assertTrue(arn.matches("arn:aws:kafka:us-east-1:" + PLATFORM_ACCOUNT + ":vpc-connection/" + OWNER_ACCOUNT
                + "/payments/[0-9a-f-]{36}-\\d+"), arn);
        assertEquals(VpcConnectionState.CREATING, created.state());
        assertEquals("SASL_SCRAM", created.authentication());
        assertEquals(VPC, created.vpcId());
        assertEquals(List.of(SUBNET_A, SUBNET_B), created.clientSubnets());
        assertEquals(List.of(SECURITY_GROUP), created.securityGroups());
        assertEquals(Map.of("plc", "c-1", "team", "dataflow"), created.tags());
        assertNotNull(created.creationTime());

        await().atMost(PATIENCE).until(() -> h.platform.describeVpcConnection(r -> r.arn(arn)).state()
                == VpcConnectionState.AVAILABLE);
        DescribeVpcConnectionResponse described = h.platform.describeVpcConnection(r -> r.arn(arn));
        assertEquals(cluster, described.targetClusterArn());
        assertEquals(List.of(SUBNET_A, SUBNET_B), described.subnets());
        assertEquals(Map.of("plc", "c-1", "team", "dataflow"), described.tags());
        assertEquals(created.creationTime(), described.creationTime());
        assertEquals(Map.of("plc", "c-1", "team", "dataflow"),
                h.platform.listTagsForResource(r -> r.resourceArn(arn)).tags());

        GetBootstrapBrokersResponse brokers = h.platform.getBootstrapBrokers(r -> r.clusterArn(cluster));
        String bootstrap = brokers.bootstrapBrokerStringVpcConnectivitySaslScram();
        assertTrue(bootstrap.matches("b-1\\.payments\\.[a-z0-9]{6}\\.c\\d\\.kafka\\.us-east-1\\.amazonaws\\.com:14001,"
                + "b-2\\.payments\\.[a-z0-9]{6}\\.c\\d\\.kafka\\.us-east-1\\.amazonaws\\.com:14002,"
                + "b-3\\.payments\\.[a-z0-9]{6}\\.c\\d\\.kafka\\.us-east-1\\.amazonaws\\.com:14003"), bootstrap);
        assertNull(brokers.bootstrapBrokerStringVpcConnectivitySaslIam(), "multi-VPC is off for IAM");
        assertTrue(brokers.bootstrapBrokerStringSaslScram().endsWith(":9096"));

        var deleted = h.platform.deleteVpcConnection(r -> r.arn(arn));
        assertEquals(arn, deleted.vpcConnectionArn());
        assertEquals(VpcConnectionState.DELETING, deleted.state());
        assertEquals("c-1", h.simulator.vpcConnectionsTagged("plc").get(arn), "deleting still exists");
        await().atMost(PATIENCE).untilAsserted(() -> assertThrows(NotFoundException.class,
                () -> h.platform.describeVpcConnection(r -> r.arn(arn))));
        assertFalse(h.simulator.vpcConnectionsTagged("plc").containsKey(arn));
        assertTrue(h.platform.listVpcConnections(r -> { }).vpcConnections().stream()
                .noneMatch(c -> c.vpcConnectionArn().equals(arn)));
    }

    @Test
    void theCallersConnectionsAreListedPageByPageWithoutTags() {
        String cluster = h.sharedCluster("listed");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(h.connect(cluster, Map.of("n", "" + i), SUBNET_A, SUBNET_B).vpcConnectionArn());
        }
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListVpcConnectionsResponse page = h.platform.listVpcConnections(r -> r.maxResults(2).nextToken(next));
            page.vpcConnections().stream().filter(c -> c.targetClusterArn().equals(cluster))
                    .forEach(c -> seen.add(c.vpcConnectionArn()));
            sizes.add(page.vpcConnections().size());
            token = page.nextToken();
        } while (token != null && sizes.size() < 50);
        assertEquals(made, seen, "every connection once, in creation order");
        assertTrue(sizes.size() >= 2 && sizes.stream().allMatch(n -> n <= 2), "pages of two: " + sizes);

        VpcConnection item = h.platform.listVpcConnections(r -> r.maxResults(100)).vpcConnections().stream()
                .filter(c -> c.vpcConnectionArn().equals(made.get(0))).findFirst().orElseThrow();
        assertEquals(cluster, item.targetClusterArn());
        assertEquals("SASL_SCRAM", item.authentication());
        assertEquals(VPC, item.vpcId());
        assertNotNull(item.state());
        assertNotNull(item.creationTime());
        // The paginator follows nextToken by itself.
        assertTrue(h.platform.listVpcConnectionsPaginator(r -> r.maxResults(1)).vpcConnections().stream()
                .map(VpcConnection::vpcConnectionArn).toList().containsAll(made));
        // Another account's list does not show the platform's connections.
        assertTrue(h.other.listVpcConnections(r -> { }).vpcConnections().isEmpty());
        BadRequestException badToken = assertThrows(BadRequestException.class,
                () -> h.platform.listVpcConnections(r -> r.nextToken("not-a-token")));
        assertEquals(400, badToken.statusCode());
    }

    @Test
    void theOwnerListsAndRejectsClientConnections() throws InterruptedException {
        String cluster = h.sharedCluster("rejecting");
        String arn = h.connect(cluster, Map.of(), SUBNET_A, SUBNET_B).vpcConnectionArn();

        List<ClientVpcConnection> clients = h.owner.listClientVpcConnections(r -> r.clusterArn(cluster))
                .clientVpcConnections();
        assertEquals(1, clients.size());
        assertEquals(arn, clients.get(0).vpcConnectionArn());
        assertEquals(PLATFORM_ACCOUNT, clients.get(0).owner());
        assertEquals("SASL_SCRAM", clients.get(0).authentication());

        h.owner.rejectClientVpcConnection(r -> r.clusterArn(cluster).vpcConnectionArn(arn));
        assertEquals(VpcConnectionState.REJECTED, h.platform.describeVpcConnection(r -> r.arn(arn)).state());
        assertEquals(VpcConnectionState.REJECTED, h.owner.listClientVpcConnections(r -> r.clusterArn(cluster))
                .clientVpcConnections().get(0).state());
        // It stays rejected (no timer moves it on), and a second reject is refused.
        Thread.sleep(500);
        assertEquals(VpcConnectionState.REJECTED, h.platform.describeVpcConnection(r -> r.arn(arn)).state());
        assertThrows(BadRequestException.class,
                () -> h.owner.rejectClientVpcConnection(r -> r.clusterArn(cluster).vpcConnectionArn(arn)));
        // The client may still delete it.
        assertEquals(VpcConnectionState.DELETING, h.platform.deleteVpcConnection(r -> r.arn(arn)).state());
    }

    @Test
    void turningMultiVpcOffMakesItsConnectionsInactive() {
        String cluster = h.sharedCluster("switched-off");
        String arn = h.connect(cluster, Map.of(), SUBNET_A, SUBNET_B).vpcConnectionArn();
        await().atMost(PATIENCE).until(() -> h.simulator.vpcConnectionState(arn)
                .orElseThrow() == MskVpcConnectionState.AVAILABLE);

        String version = h.owner.describeClusterV2(r -> r.clusterArn(cluster)).clusterInfo().currentVersion();
        h.owner.updateConnectivity(r -> r.clusterArn(cluster).currentVersion(version)
                .connectivityInfo(c -> c.vpcConnectivity(v -> v.clientAuthentication(a -> a.sasl(s -> s
                        .scram(x -> x.enabled(false)))))));
        assertEquals(VpcConnectionState.INACTIVE, h.platform.describeVpcConnection(r -> r.arn(arn)).state());
        assertNull(h.platform.getBootstrapBrokers(r -> r.clusterArn(cluster))
                .bootstrapBrokerStringVpcConnectivitySaslScram(), "no multi-VPC brokers once it is off");
    }

    @Test
    void hooksForceStatesAndAuditConnectionsByTag() {
        String cluster = h.sharedCluster("hooked");
        String arn = h.connect(cluster, Map.of("plc", "c-hook"), SUBNET_A, SUBNET_B).vpcConnectionArn();
        h.simulator.setVpcConnectionState(arn, MskVpcConnectionState.FAILED);
        assertEquals(VpcConnectionState.FAILED, h.platform.describeVpcConnection(r -> r.arn(arn)).state());
        assertEquals("c-hook", h.simulator.vpcConnectionsTagged("plc").get(arn));
        assertTrue(h.simulator.deleteVpcConnectionOutOfBand(arn));
        assertTrue(h.simulator.vpcConnectionState(arn).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> h.simulator.setVpcConnectionState(arn, MskVpcConnectionState.INACTIVE));
    }
}
