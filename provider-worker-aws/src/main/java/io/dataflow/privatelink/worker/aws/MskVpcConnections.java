package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.ResourceTags;
import software.amazon.awssdk.services.kafka.KafkaClient;
import software.amazon.awssdk.services.kafka.model.Cluster;
import software.amazon.awssdk.services.kafka.model.ClusterType;
import software.amazon.awssdk.services.kafka.model.ForbiddenException;
import software.amazon.awssdk.services.kafka.model.NotFoundException;
import software.amazon.awssdk.services.kafka.model.VpcConnection;
import software.amazon.awssdk.services.kafka.model.VpcConnectivityClientAuthentication;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The platform's side of MSK multi-VPC private connectivity in one account and region, through the AWS SDK's
 * {@code kafka} client, in the observe / create / delete shape of the endpoint clouds (issue 31; the reconcile pass
 * does not use it yet). MSK has no client token: a VPC connection is found again by its tags (connection id and
 * deployment id), so a create repeated after a crash finds the one the first attempt made. The watch is one paginated
 * list per pass; tags are read only for VPC connections the caller does not know by ARN.
 */
final class MskVpcConnections {

    private final KafkaClient kafka;
    private final String deploymentId;

    MskVpcConnections(KafkaClient kafka, String deploymentId) {
        this.kafka = kafka;
        this.deploymentId = deploymentId;
    }

    /** What the pre-flight needs; empty when the cluster does not exist or the platform account may not see it. */
    Optional<MskClusterView> observeCluster(String clusterArn, String region) {
        Cluster cluster;
        try {
            cluster = kafka.describeClusterV2(r -> r.clusterArn(clusterArn)).clusterInfo();
        } catch (NotFoundException | ForbiddenException e) {
            return Optional.empty();
        }
        String policy;
        try {
            policy = kafka.getClusterPolicy(r -> r.clusterArn(clusterArn)).policy();
        } catch (NotFoundException | ForbiddenException e) {
            policy = null;
        }
        boolean provisioned = cluster.clusterType() == ClusterType.PROVISIONED && cluster.provisioned() != null;
        List<String> zones = provisioned && cluster.provisioned().brokerNodeGroupInfo() != null
                ? cluster.provisioned().brokerNodeGroupInfo().zoneIds() : List.of();
        return Optional.of(new MskClusterView(clusterArn, region, provisioned, zones, multiVpc(cluster), policy));
    }

    private static Set<MskAuthentication> multiVpc(Cluster cluster) {
        Set<MskAuthentication> on = EnumSet.noneOf(MskAuthentication.class);
        if (cluster.provisioned() == null || cluster.provisioned().brokerNodeGroupInfo() == null
                || cluster.provisioned().brokerNodeGroupInfo().connectivityInfo() == null
                || cluster.provisioned().brokerNodeGroupInfo().connectivityInfo().vpcConnectivity() == null) {
            return on; // absent until the owner first turns multi-VPC on
        }
        VpcConnectivityClientAuthentication auth = cluster.provisioned().brokerNodeGroupInfo().connectivityInfo()
                .vpcConnectivity().clientAuthentication();
        if (auth != null && auth.sasl() != null) {
            if (auth.sasl().scram() != null && Boolean.TRUE.equals(auth.sasl().scram().enabled())) {
                on.add(MskAuthentication.SASL_SCRAM);
            }
            if (auth.sasl().iam() != null && Boolean.TRUE.equals(auth.sasl().iam().enabled())) {
                on.add(MskAuthentication.SASL_IAM);
            }
        }
        return on;
    }

    /**
     * Creates the connection's VPC connection in the platform VPC's subnets (of the shared zones); idempotent: one this
     * deployment already made for the connection is answered instead.
     */
    MskVpcConnectionView create(String connectionId, String clusterId, String clusterArn, MskAuthentication authentication,
                                String vpcId, List<String> subnetIds, List<String> securityGroupIds) {
        Optional<MskVpcConnectionView> made = find(connectionId);
        if (made.isPresent()) {
            return made.get();
        }
        var created = kafka.createVpcConnection(r -> r.targetClusterArn(clusterArn)
                .authentication(authentication.name()).vpcId(vpcId).clientSubnets(subnetIds)
                .securityGroups(securityGroupIds)
                .tags(Map.of(ResourceTags.CONNECTION_ID, connectionId, ResourceTags.DEPLOYMENT_ID, deploymentId,
                        ResourceTags.CLUSTER_ID, clusterId)));
        return view(created.vpcConnectionArn(), connectionId, clusterArn, created.stateAsString());
    }

    /** The VPC connection this deployment made for the connection, found by its tags; empty when there is none. */
    Optional<MskVpcConnectionView> find(String connectionId) {
        return observeManaged(Map.of()).stream().filter(v -> connectionId.equals(v.connectionId())).findFirst();
    }

    /**
     * Every VPC connection of this deployment in the account and region: one paginated list; the tags of those not in
     * {@code knownByArn} (ARN → connection id) are read, and those another deployment made are left out.
     */
    List<MskVpcConnectionView> observeManaged(Map<String, String> knownByArn) {
        List<MskVpcConnectionView> views = new ArrayList<>();
        for (VpcConnection c : kafka.listVpcConnectionsPaginator(r -> r.maxResults(100)).vpcConnections()) {
            String connectionId = knownByArn.get(c.vpcConnectionArn());
            if (connectionId == null) {
                Map<String, String> tags;
                try {
                    tags = kafka.listTagsForResource(r -> r.resourceArn(c.vpcConnectionArn())).tags();
                } catch (NotFoundException gone) {
                    continue;
                }
                if (!deploymentId.equals(tags.get(ResourceTags.DEPLOYMENT_ID))) {
                    continue; // another deployment's, sharing the account: never ours to touch
                }
                connectionId = tags.get(ResourceTags.CONNECTION_ID);
            }
            views.add(view(c.vpcConnectionArn(), connectionId, c.targetClusterArn(), c.stateAsString()));
        }
        return views;
    }

    /**
     * The bootstrap brokers changefeeds use through a multi-VPC connection with this authentication (MSK's multi-VPC
     * names, private already: no domain to attach); empty while multi-VPC is off for it or the cluster is gone.
     */
    Optional<String> bootstrapBrokers(String clusterArn, MskAuthentication authentication) {
        try {
            var brokers = kafka.getBootstrapBrokers(r -> r.clusterArn(clusterArn));
            String value = authentication == MskAuthentication.SASL_SCRAM
                    ? brokers.bootstrapBrokerStringVpcConnectivitySaslScram()
                    : brokers.bootstrapBrokerStringVpcConnectivitySaslIam();
            return Optional.ofNullable(value).filter(v -> !v.isBlank());
        } catch (NotFoundException | ForbiddenException e) {
            return Optional.empty();
        }
    }

    /** Deletes the VPC connection; one that is already gone counts as deleted. */
    void delete(String vpcConnectionArn) {
        try {
            kafka.deleteVpcConnection(r -> r.arn(vpcConnectionArn));
        } catch (NotFoundException gone) {
            // deleted already
        }
    }

    private static MskVpcConnectionView view(String arn, String connectionId, String clusterArn, String mskState) {
        return new MskVpcConnectionView(arn, connectionId, clusterArn, MskVpcConnectionView.stateOf(mskState), mskState,
                MskVpcConnectionView.failureReasonOf(mskState));
    }
}
