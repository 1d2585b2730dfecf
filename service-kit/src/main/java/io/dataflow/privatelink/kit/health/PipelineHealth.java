package io.dataflow.privatelink.kit.health;

/**
 * The health group for the state of the event pipeline (outbox relay, consumers, shard leases): served at
 * {@code /q/health/group/pipeline} for operators and alerts, apart from readiness, which means only "can serve
 * now" (the database is reachable), and liveness, which means only "is not hung" ({@link LoopLivenessCheck}).
 */
public final class PipelineHealth {

    public static final String GROUP = "pipeline";

    private PipelineHealth() {
    }
}
