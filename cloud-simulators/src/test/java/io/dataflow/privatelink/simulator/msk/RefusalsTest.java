package io.dataflow.privatelink.simulator.msk;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kafka.KafkaClient;
import software.amazon.awssdk.services.kafka.model.BadRequestException;
import software.amazon.awssdk.services.kafka.model.ForbiddenException;
import software.amazon.awssdk.services.kafka.model.KafkaException;
import software.amazon.awssdk.services.kafka.model.NotFoundException;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static io.dataflow.privatelink.simulator.msk.MskHarness.CLUSTER_ZONES;
import static io.dataflow.privatelink.simulator.msk.MskHarness.OTHER_ACCOUNT;
import static io.dataflow.privatelink.simulator.msk.MskHarness.OWNER_ACCOUNT;
import static io.dataflow.privatelink.simulator.msk.MskHarness.PLATFORM_ACCOUNT;
import static io.dataflow.privatelink.simulator.msk.MskHarness.PLATFORM_KEY;
import static io.dataflow.privatelink.simulator.msk.MskHarness.REGION;
import static io.dataflow.privatelink.simulator.msk.MskHarness.SUBNET_A;
import static io.dataflow.privatelink.simulator.msk.MskHarness.SUBNET_A2;
import static io.dataflow.privatelink.simulator.msk.MskHarness.SUBNET_B;
import static io.dataflow.privatelink.simulator.msk.MskHarness.SUBNET_D;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What MSK refuses a caller, one refusal per test, each as the SDK surfaces it (its exception class, status and
 * message); nothing is created by a refused CreateVpcConnection.
 */
class RefusalsTest {

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
    void aClusterWithoutPolicyIsForbiddenToOtherAccounts() {
        String cluster = h.cluster("no-policy");
        h.simulator.enableMultiVpc(cluster, MskAuthentication.SASL_SCRAM);
        ForbiddenException e = refused(ForbiddenException.class, 403, () -> h.connect(cluster, Map.of(), SUBNET_A, SUBNET_B));
        assertTrue(e.getMessage().contains("kafka:CreateVpcConnection"), e.getMessage());
        refused(ForbiddenException.class, 403, () -> h.platform.describeClusterV2(r -> r.clusterArn(cluster)));
        refused(ForbiddenException.class, 403, () -> h.platform.getBootstrapBrokers(r -> r.clusterArn(cluster)));
        refused(NotFoundException.class, 404, () -> h.owner.getClusterPolicy(r -> r.clusterArn(cluster)));
    }

    @Test
    void aPolicyForAnotherAccountIsForbidden() {
        String cluster = h.cluster("other-account");
        h.simulator.enableMultiVpc(cluster, MskAuthentication.SASL_SCRAM);
        h.simulator.putMskClusterPolicy(cluster, MskClusterPolicy.allowingMultiVpc(cluster, OTHER_ACCOUNT));
        refused(ForbiddenException.class, 403, () -> h.connect(cluster, Map.of(), SUBNET_A, SUBNET_B));
        refused(ForbiddenException.class, 403, () -> h.platform.getClusterPolicy(r -> r.clusterArn(cluster)));
        assertTrue(h.platform.listVpcConnections(r -> r.maxResults(100)).vpcConnections().stream()
                .noneMatch(c -> c.targetClusterArn().equals(cluster)), "nothing was created");
    }

    @Test
    void aPolicyNamingTheAccountIdAlsoAllows() {
        String cluster = h.cluster("by-account-id");
        h.simulator.enableMultiVpc(cluster, MskAuthentication.SASL_SCRAM);
        h.simulator.putMskClusterPolicy(cluster, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"" + PLATFORM_ACCOUNT + "\"},\"Action\":\"kafka:*\",\"Resource\":\"*\"}]}");
        assertEquals("SASL_SCRAM", h.connect(cluster, Map.of(), SUBNET_A, SUBNET_B).authentication());
    }

    @Test
    void multiVpcOffForTheAuthenticationIsABadRequest() {
        String cluster = h.sharedCluster("scram-only");
        BadRequestException e = refused(BadRequestException.class, 400,
                () -> MskHarness.connect(h.platform, cluster, "SASL_IAM", Map.of(), SUBNET_A, SUBNET_B));
        assertTrue(e.getMessage().contains("SASL_IAM"), e.getMessage());
        String untouched = h.cluster("never-turned-on");
        h.simulator.putMskClusterPolicy(untouched, MskClusterPolicy.allowingMultiVpc(untouched, PLATFORM_ACCOUNT));
        refused(BadRequestException.class, 400, () -> h.connect(untouched, Map.of(), SUBNET_A, SUBNET_B));
    }

    @Test
    void anUnknownClusterIsNotFound() {
        String unknown = "arn:aws:kafka:us-east-1:" + OWNER_ACCOUNT
                + ":cluster/ghost/01234567-89ab-cdef-0123-456789abcdef-1";
        refused(NotFoundException.class, 404, () -> h.connect(unknown, Map.of(), SUBNET_A, SUBNET_B));
        refused(NotFoundException.class, 404, () -> h.owner.describeClusterV2(r -> r.clusterArn(unknown)));
    }

    @Test
    void aClusterOfAnotherRegionIsNotFoundThere() {
        String cluster = h.sharedCluster("east");
        KafkaClient west = h.client(PLATFORM_KEY, Region.US_WEST_2);
        refused(NotFoundException.class, 404, () -> west.describeClusterV2(r -> r.clusterArn(cluster)));
        refused(NotFoundException.class, 404, () -> h.connect(west, cluster, "SASL_SCRAM", Map.of(), SUBNET_A, SUBNET_B));
    }

    @Test
    void aServerlessClusterIsABadRequest() {
        String cluster = h.simulator.createMskCluster(OWNER_ACCOUNT, REGION, "on-demand", CLUSTER_ZONES, true);
        h.simulator.putMskClusterPolicy(cluster, MskClusterPolicy.allowingMultiVpc(cluster, PLATFORM_ACCOUNT));
        assertEquals("SERVERLESS", h.platform.describeClusterV2(r -> r.clusterArn(cluster)).clusterInfo()
                .clusterTypeAsString());
        BadRequestException e = refused(BadRequestException.class, 400,
                () -> MskHarness.connect(h.platform, cluster, "SASL_IAM", Map.of(), SUBNET_A, SUBNET_B));
        assertTrue(e.getMessage().contains("serverless"), e.getMessage());
        refused(BadRequestException.class, 400, () -> h.platform.describeCluster(r -> r.clusterArn(cluster)));
        assertThrows(IllegalArgumentException.class,
                () -> h.simulator.enableMultiVpc(cluster, MskAuthentication.SASL_IAM));
    }

    @Test
    void clientSubnetsMustBeTheCallersInTwoOfTheClustersZones() {
        String cluster = h.sharedCluster("zones");
        refused(BadRequestException.class, 400, () -> h.connect(cluster, Map.of(), SUBNET_A, SUBNET_D));
        refused(BadRequestException.class, 400, () -> h.connect(cluster, Map.of(), SUBNET_A));
        refused(BadRequestException.class, 400, () -> h.connect(cluster, Map.of(), SUBNET_A, SUBNET_A2));
        refused(BadRequestException.class, 400, () -> h.connect(cluster, Map.of(), SUBNET_A, "subnet-0unknown"));
        BadRequestException missing = refused(BadRequestException.class, 400, () -> h.platform.createVpcConnection(
                r -> r.targetClusterArn(cluster).authentication("SASL_SCRAM").vpcId(MskHarness.VPC)
                        .clientSubnets(SUBNET_A, SUBNET_B)));
        assertEquals("securityGroups", missing.invalidParameter());
        refused(BadRequestException.class, 400, () -> h.connect("not-an-arn", Map.of(), SUBNET_A, SUBNET_B));
        refused(BadRequestException.class, 400,
                () -> MskHarness.connect(h.platform, cluster, "PLAINTEXT", Map.of(), SUBNET_A, SUBNET_B));
    }

    @Test
    void onlyTheOwnerChangesTheClusterAndOnlyAtItsCurrentVersion() {
        String cluster = h.cluster("owned");
        String version = h.owner.describeClusterV2(r -> r.clusterArn(cluster)).clusterInfo().currentVersion();
        refused(ForbiddenException.class, 403, () -> h.platform.updateConnectivity(r -> r.clusterArn(cluster)
                .currentVersion(version).connectivityInfo(c -> c.vpcConnectivity(MskHarness.scram()))));
        refused(ForbiddenException.class, 403, () -> h.platform.putClusterPolicy(r -> r.clusterArn(cluster)
                .policy(MskClusterPolicy.allowingMultiVpc(cluster, PLATFORM_ACCOUNT))));
        refused(ForbiddenException.class, 403, () -> h.platform.listClientVpcConnections(r -> r.clusterArn(cluster)));
        refused(BadRequestException.class, 400, () -> h.owner.updateConnectivity(r -> r.clusterArn(cluster)
                .currentVersion("K0STALE0000000").connectivityInfo(c -> c.vpcConnectivity(MskHarness.scram()))));
        refused(BadRequestException.class, 400, () -> h.owner.putClusterPolicy(r -> r.clusterArn(cluster)
                .policy("{not json")));
        String tlsLess = h.simulator.createMskCluster(OWNER_ACCOUNT, REGION, "scram-clients", List.of("use1-az1",
                "use1-az2"), false, EnumSet.of(MskAuthentication.SASL_SCRAM));
        String tlsVersion = h.owner.describeClusterV2(r -> r.clusterArn(tlsLess)).clusterInfo().currentVersion();
        refused(BadRequestException.class, 400, () -> h.owner.updateConnectivity(r -> r.clusterArn(tlsLess)
                .currentVersion(tlsVersion).connectivityInfo(c -> c.vpcConnectivity(v -> v.clientAuthentication(
                        a -> a.sasl(s -> s.iam(x -> x.enabled(true))))))));
    }

    @Test
    void unknownAccessKeysAndOperationsAreRefused() {
        KafkaClient stranger = h.client("AKIDUNKNOWN00000000", Region.US_EAST_1);
        KafkaException e = refused(KafkaException.class, 403, () -> stranger.listVpcConnections(r -> { }));
        assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
        KafkaException unknown = refused(KafkaException.class, 404, () -> h.owner.listClustersV2(r -> { }));
        assertEquals("UnknownOperationException", unknown.awsErrorDetails().errorCode());
    }

    /** Runs {@code call}, which must fail with {@code type} and {@code status}; the exception. */
    private static <T extends KafkaException> T refused(Class<T> type, int status, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(status, e.statusCode(), e.getMessage());
        if (type != KafkaException.class) {
            assertEquals(type.getSimpleName(), e.awsErrorDetails().errorCode());
        }
        return e;
    }
}
