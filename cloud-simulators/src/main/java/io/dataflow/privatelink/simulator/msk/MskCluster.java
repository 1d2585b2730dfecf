package io.dataflow.privatelink.simulator.msk;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An MSK cluster, reduced to what multi-VPC private connectivity cares about: whose it is, where its brokers
 * run (one per client subnet, hence per zone), which client authentications it has, for which of them
 * multi-VPC private connectivity is on, and its cluster policy. Immutable: every change is a new value.
 *
 * @param subnets          its client subnets with their zone ids, one broker in each (provisioned)
 * @param brokerDomain     what its broker names end with ({@code <name>.<label>.c2.kafka.<region>.amazonaws.com})
 * @param currentVersion   the version UpdateConnectivity must name, changed by every update
 * @param policy           its cluster policy as PutClusterPolicy stored it; null when it has none
 * @param policyVersion    the policy's own version; null when it has none
 */
record MskCluster(
        String arn,
        String ownerId,
        String region,
        String name,
        boolean serverless,
        String vpcId,
        List<Subnet> subnets,
        List<String> securityGroups,
        Set<MskAuthentication> clientAuthentication,
        Set<MskAuthentication> multiVpc,
        String currentVersion,
        String brokerDomain,
        Instant createdAt,
        long seq,
        String policy,
        String policyVersion) implements Serializable {

    /** A client subnet of the cluster and its availability zone id. */
    record Subnet(String subnetId, String zoneId) implements Serializable {
    }

    MskCluster {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        clientAuthentication = Set.copyOf(clientAuthentication);
        multiVpc = Set.copyOf(multiVpc);
    }

    List<String> subnetIds() {
        return subnets.stream().map(Subnet::subnetId).toList();
    }

    List<String> zoneIds() {
        return subnets.stream().map(Subnet::zoneId).toList();
    }

    /** The broker host names, {@code b-1.…} to {@code b-<n>.…}: one broker per zone. */
    List<String> brokerHosts() {
        List<String> hosts = new ArrayList<>();
        for (int i = 1; i <= subnets.size(); i++) {
            hosts.add("b-" + i + "." + brokerDomain);
        }
        return hosts;
    }

    MskCluster withMultiVpc(Set<MskAuthentication> schemes, String newVersion) {
        return new MskCluster(arn, ownerId, region, name, serverless, vpcId, subnets, securityGroups,
                clientAuthentication, schemes, newVersion, brokerDomain, createdAt, seq, policy, policyVersion);
    }

    /** With {@code newPolicy} (null: none) at {@code newPolicyVersion}. */
    MskCluster withPolicy(String newPolicy, String newPolicyVersion) {
        return new MskCluster(arn, ownerId, region, name, serverless, vpcId, subnets, securityGroups,
                clientAuthentication, multiVpc, currentVersion, brokerDomain, createdAt, seq, newPolicy,
                newPolicyVersion);
    }
}
