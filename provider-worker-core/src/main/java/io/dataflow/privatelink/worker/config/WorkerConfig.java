package io.dataflow.privatelink.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings every provider worker shares (prefix {@code plc.worker}). */
@ConfigMapping(prefix = "plc.worker")
public interface WorkerConfig {

    /** How often the worker provisions, deletes and watches endpoints. */
    @WithDefault("5s")
    Duration reconcileInterval();

    /** How long an endpoint may wait for the service owner's acceptance before the connection fails. */
    @WithDefault("7d")
    Duration acceptanceTimeout();

    /**
     * How long a shard lease lasts without renewal: a dead instance's shards are taken over by the
     * others after at most this plus one renewal interval.
     */
    @WithDefault("6s")
    Duration leaseTtl();

    /** How often an instance renews its shard leases and rebalances. */
    @WithDefault("2s")
    Duration leaseRenewInterval();

    /** Topic the worker publishes state changes to. */
    @WithDefault(io.dataflow.privatelink.contract.event.Topics.CONNECTION_STATE)
    String stateTopic();

    /** CloudEvents {@code source} of the events this worker emits. */
    String eventSource();

    /**
     * Which deployment this worker belongs to (PLC_WORKER_DEPLOYMENT_ID); required, production has no
     * default. (Placeholder for the declaration being added on main; identical, so merging keeps one.)
     */
    String deploymentId();
}
