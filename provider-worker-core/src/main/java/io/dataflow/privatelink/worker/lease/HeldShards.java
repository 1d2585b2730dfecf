package io.dataflow.privatelink.worker.lease;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The shards this incarnation of the worker leases, with the epoch of each (its fencing token), as of its
 * last successful renewal.
 */
public record HeldShards(String instance, Map<Integer, Long> epochs, Instant renewedAt) {

    public static HeldShards none(String instance) {
        return new HeldShards(instance, Map.of(), Instant.EPOCH);
    }

    public Set<Integer> shards() {
        return epochs.keySet();
    }

    public boolean isEmpty() {
        return epochs.isEmpty();
    }

    public boolean holds(int shard) {
        return epochs.containsKey(shard);
    }
}
