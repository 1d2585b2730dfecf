package io.dataflow.privatelink.simulator.msk;

import io.dataflow.privatelink.simulator.ec2.Ec2SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kafka.model.Cluster;
import software.amazon.awssdk.services.kafka.model.VpcConnectionState;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.dataflow.privatelink.simulator.msk.MskHarness.CLUSTER_ZONES;
import static io.dataflow.privatelink.simulator.msk.MskHarness.PLATFORM_ACCOUNT;
import static io.dataflow.privatelink.simulator.msk.MskHarness.SUBNET_A;
import static io.dataflow.privatelink.simulator.msk.MskHarness.SUBNET_B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A simulator restarted on its state folder has the same MSK clusters, policies and VPC connections. */
class MskStatePersistenceTest {

    @TempDir
    Path folder;

    private Ec2SimulatorConfig config() {
        return MskHarness.config().stateFolder(folder).build();
    }

    @Test
    void clustersPoliciesAndConnectionsSurviveARestart() {
        String cluster;
        String available;
        String rejected;
        String policy;
        Cluster before;
        try (MskHarness first = MskHarness.start(config())) {
            cluster = first.sharedCluster("kept");
            policy = first.owner.getClusterPolicy(r -> r.clusterArn(cluster)).policy();
            available = first.connect(cluster, Map.of("plc", "c-1"), SUBNET_A, SUBNET_B).vpcConnectionArn();
            rejected = first.connect(cluster, Map.of("plc", "c-2"), SUBNET_A, SUBNET_B).vpcConnectionArn();
            first.owner.rejectClientVpcConnection(r -> r.clusterArn(cluster).vpcConnectionArn(rejected));
            await().atMost(Duration.ofSeconds(10)).until(() -> first.platform.describeVpcConnection(
                    r -> r.arn(available)).state() == VpcConnectionState.AVAILABLE);
            before = first.platform.describeClusterV2(r -> r.clusterArn(cluster)).clusterInfo();

            // The first one still runs: only what it wrote before answering is there.
            try (MskHarness second = MskHarness.start(config())) {
                Cluster after = second.platform.describeClusterV2(r -> r.clusterArn(cluster)).clusterInfo();
                assertEquals(before, after, "the cluster, its zones, version and multi-VPC settings");
                assertEquals(CLUSTER_ZONES, after.provisioned().brokerNodeGroupInfo().zoneIds());
                assertEquals(policy, second.owner.getClusterPolicy(r -> r.clusterArn(cluster)).policy());
                assertEquals(VpcConnectionState.AVAILABLE,
                        second.platform.describeVpcConnection(r -> r.arn(available)).state());
                assertEquals(VpcConnectionState.REJECTED,
                        second.platform.describeVpcConnection(r -> r.arn(rejected)).state());
                assertEquals(Map.of("plc", "c-1"), second.platform.listTagsForResource(r -> r.resourceArn(available))
                        .tags());
                assertEquals(Map.of(available, "c-1", rejected, "c-2"), second.simulator.vpcConnectionsTagged("plc"));
                // The cluster's subnets stay the owner's in EC2 too: a new connection still checks zones.
                assertTrue(second.connect(cluster, Map.of(), SUBNET_A, SUBNET_B).vpcConnectionArn()
                        .contains(":" + PLATFORM_ACCOUNT + ":vpc-connection/"));
            }
        }
    }
}
