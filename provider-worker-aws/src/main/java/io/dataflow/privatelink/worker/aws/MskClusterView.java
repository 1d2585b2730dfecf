package io.dataflow.privatelink.worker.aws;

import java.util.List;
import java.util.Set;

/**
 * An MSK cluster as the platform account sees it (DescribeClusterV2 and GetClusterPolicy): what the pre-flight of a
 * connection to it checks ({@link MskPreflight}).
 *
 * @param zoneIds                  the availability zone ids of its brokers
 * @param multiVpcAuthentications the client authentications multi-VPC private connectivity is turned on for
 * @param policyJson               the cluster policy; null when the platform account may not read it (a policy
 *                                 granting only what multi-VPC needs does not grant kafka:GetClusterPolicy)
 */
record MskClusterView(String arn, String region, boolean provisioned, List<String> zoneIds,
                      Set<MskAuthentication> multiVpcAuthentications, String policyJson) {
}
