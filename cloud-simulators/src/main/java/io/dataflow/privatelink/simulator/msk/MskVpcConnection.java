package io.dataflow.privatelink.simulator.msk;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VPC connection (MSK multi-VPC private connectivity), owned by the account that created it, in its region,
 * to a cluster of (usually) another account. Immutable. {@code transitionAt} is when the current state moves on
 * by itself (CREATING → AVAILABLE, DELETING → gone); the store applies it lazily on the next request.
 */
record MskVpcConnection(
        String arn,
        String ownerId,
        String region,
        String targetClusterArn,
        MskAuthentication authentication,
        String vpcId,
        List<String> clientSubnets,
        List<String> securityGroups,
        Map<String, String> tags,
        Instant createdAt,
        long seq,
        MskVpcConnectionState state,
        Instant transitionAt) implements Serializable {

    MskVpcConnection {
        clientSubnets = List.copyOf(clientSubnets);
        securityGroups = List.copyOf(securityGroups);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** The same connection in {@code newState}, moving on by itself at {@code transitionAt} (null: it stays). */
    MskVpcConnection withState(MskVpcConnectionState newState, Instant newTransitionAt) {
        return new MskVpcConnection(arn, ownerId, region, targetClusterArn, authentication, vpcId, clientSubnets,
                securityGroups, tags, createdAt, seq, newState, newTransitionAt);
    }
}
