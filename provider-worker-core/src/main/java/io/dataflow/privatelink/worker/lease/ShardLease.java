package io.dataflow.privatelink.worker.lease;

import java.time.Instant;

/** A shard's lease as stored: its owner (null when free), fencing epoch and expiry. */
public record ShardLease(int shard, String owner, long epoch, Instant expiresAt) {

    boolean ownedBy(String instance) {
        return instance.equals(owner);
    }

    boolean freeAt(Instant now) {
        return owner == null || !expiresAt.isAfter(now);
    }
}
