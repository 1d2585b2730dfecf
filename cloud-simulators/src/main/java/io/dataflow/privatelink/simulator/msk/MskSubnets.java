package io.dataflow.privatelink.simulator.msk;

import java.util.Optional;

/**
 * What MSK needs to know of EC2: where a client's subnet is. The EC2 simulator answers from the subnets
 * registered with it, so a VPC connection's client subnets are the same ones an interface endpoint may use.
 */
@FunctionalInterface
public interface MskSubnets {

    /** Where a subnet is: its VPC and its availability zone id ({@code use1-az1}). */
    record Placement(String vpcId, String zoneId) {
    }

    /** The subnet {@code subnetId} of {@code accountId} in {@code region}; empty when that account has none there. */
    Optional<Placement> find(String accountId, String region, String subnetId);
}
