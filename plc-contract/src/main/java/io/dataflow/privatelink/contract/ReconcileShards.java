package io.dataflow.privatelink.contract;

/**
 * How many shards the workers' reconcile work is cut into: each connection belongs to one, a function of its id
 * that provider-worker-core's migration computes as a generated column ({@code V2026_12_02_50__reconcile_shards.sql},
 * whose number must stay this one: its {@code ReconcileShardsTest}). At most this many worker replicas share
 * the work.
 */
public final class ReconcileShards {

    public static final int COUNT = 16;

    private ReconcileShards() {
    }
}
