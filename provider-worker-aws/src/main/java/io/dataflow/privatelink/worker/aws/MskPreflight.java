package io.dataflow.privatelink.worker.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.contract.FailureReason;
import io.dataflow.privatelink.contract.MskClusterArns;
import io.dataflow.privatelink.contract.event.EventJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the platform account may connect to an MSK cluster over MSK multi-VPC private connectivity, before anything
 * is created (issue 31): each reason has its own message saying what the cluster's owner changes. Pure: the cluster
 * is read by the caller.
 */
final class MskPreflight {

    /** Why not, and the stable reason code. */
    record Refusal(FailureReason reason, String message) {
    }

    private MskPreflight() {
    }

    /**
     * @param cluster         the cluster as the platform account sees it; null when it does not exist or the account
     *                        cannot see it
     * @param clusterRegion   the region of the dataflow cluster the connection is for
     * @param clusterZoneIds  the dataflow cluster's availability zone ids
     */
    static Optional<Refusal> refusal(String arn, MskClusterView cluster, String clusterRegion,
                                     MskAuthentication authentication, String platformAccountId,
                                     List<String> clusterZoneIds) {
        Optional<MskClusterArns.MskClusterArn> parsed = MskClusterArns.parse(arn);
        if (parsed.isEmpty()) {
            return refuse(FailureReason.SERVICE_NOT_VISIBLE, arn + " is not an MSK cluster ARN; it looks like "
                    + MskClusterArns.EXAMPLE + ".");
        }
        if (!parsed.get().region().equals(clusterRegion)) {
            return refuse(FailureReason.SERVICE_IN_ANOTHER_REGION, "The MSK cluster " + arn + " is in "
                    + parsed.get().region() + ", but this cluster is in " + clusterRegion
                    + ": multi-VPC connectivity reaches clusters of the same region only.");
        }
        if (cluster == null) {
            return refuse(FailureReason.SERVICE_NOT_VISIBLE, "The MSK cluster " + arn + " does not exist, or account "
                    + platformAccountId + " may not see it: its owner attaches a cluster policy allowing it.");
        }
        if (!cluster.provisioned()) {
            return refuse(FailureReason.CREATE_REFUSED, "The MSK cluster " + arn + " is serverless; multi-VPC private"
                    + " connectivity is offered by MSK Provisioned clusters only.");
        }
        if (!cluster.multiVpcAuthentications().contains(authentication)) {
            return refuse(FailureReason.CREATE_REFUSED, cluster.multiVpcAuthentications().isEmpty()
                    ? "Multi-VPC private connectivity is off on the MSK cluster " + arn + ": its owner turns it on for "
                    + authentication + " (Properties › Networking settings › Edit, or UpdateConnectivity)."
                    : "Multi-VPC private connectivity is on for " + cluster.multiVpcAuthentications() + " but not for "
                    + authentication + " on " + arn + ": choose one of those, or its owner turns " + authentication
                    + " on.");
        }
        // The policy is readable only where it grants kafka:GetClusterPolicy too (AWS's sample does not): unread, the
        // describe that succeeded is all it shows, and a create it forbids is refused by MSK with its own message.
        if (cluster.policyJson() != null && !allows(cluster.policyJson(), platformAccountId)) {
            return refuse(FailureReason.SERVICE_NOT_VISIBLE, "The cluster policy of " + arn + " does not allow account "
                    + platformAccountId + " to create a VPC connection: its owner adds a statement allowing"
                    + " arn:aws:iam::" + platformAccountId + ":root kafka:CreateVpcConnection, kafka:GetBootstrapBrokers,"
                    + " kafka:DescribeCluster and kafka:DescribeClusterV2.");
        }
        List<String> shared = new ArrayList<>(cluster.zoneIds());
        shared.retainAll(clusterZoneIds);
        if (shared.size() < 2) {
            // MSK takes a VPC connection's client subnets in at least two of the cluster's zones.
            return refuse(FailureReason.NO_SHARED_ZONE, "The MSK cluster " + arn + " has brokers in "
                    + String.join(", ", cluster.zoneIds()) + " and this cluster is in "
                    + String.join(", ", clusterZoneIds) + ": a multi-VPC connection needs at least two shared zones"
                    + (shared.isEmpty() ? ", and they share none." : ", and they share only " + shared.get(0) + "."));
        }
        return Optional.empty();
    }

    /** Whether a statement of the policy allows the account kafka:CreateVpcConnection. */
    static boolean allows(String policyJson, String accountId) {
        if (policyJson == null) {
            return false;
        }
        JsonNode policy;
        try {
            policy = EventJson.mapper().readTree(policyJson);
        } catch (IOException e) {
            return false;
        }
        for (JsonNode statement : asList(policy.path("Statement"))) {
            boolean allow = "Allow".equals(statement.path("Effect").asText());
            boolean principal = asList(statement.path("Principal").path("AWS")).stream().map(JsonNode::asText)
                    .anyMatch(p -> p.equals(accountId) || p.equals("arn:aws:iam::" + accountId + ":root"));
            boolean action = asList(statement.path("Action")).stream().map(JsonNode::asText)
                    .anyMatch(a -> a.equals("kafka:CreateVpcConnection") || a.equals("kafka:*") || a.equals("*"));
            if (allow && principal && action) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> asList(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            items.add(node);
        }
        return items;
    }

    private static Optional<Refusal> refuse(FailureReason reason, String message) {
        return Optional.of(new Refusal(reason, message));
    }
}
