package io.dataflow.privatelink.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Settings every provider worker shares (prefix {@code plc.worker}). */
@ConfigMapping(prefix = "plc.worker")
public interface WorkerConfig {

    /** How often the worker provisions, deletes and watches endpoints. */
    @WithDefault("5s")
    Duration reconcileInterval();

    /**
     * How long one reconcile pass may last before liveness reports the worker hung (and Kubernetes restarts
     * it, handing its shards to the other replicas). Cloud calls time out and budget waits are bounded, so a
     * pass this long is stuck on something a restart cures.
     */
    @WithDefault("10m")
    Duration stalledAfter();

    /** How often the oldest pending intent and the shards held are read for the metrics. */
    @WithDefault("15s")
    Duration metricsInterval();

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
     * This control plane's identity, carried by every cloud resource it makes (a tag, or a marker where the
     * cloud has no tags): it observes, adopts and sweeps only resources with its own. Unique per deployment
     * sharing a cloud account (e.g. {@code prod-us-east-1}); never changed once resources exist. No default:
     * production must set it ({@code PLC_WORKER_DEPLOYMENT_ID}).
     */
    String deploymentId();

    /** Connectivity tests (prefix {@code plc.worker.connectivity}). */
    Connectivity connectivity();

    interface Connectivity {

        /**
         * How names are resolved: {@code system}, the JVM's resolver (the worker runs in the platform VPC, whose
         * resolver answers the private zones), or {@code simulator}, the cloud simulator's resolver of the local stack
         * ({@link #simulatorUrl()}).
         */
        @WithDefault("system")
        String resolver();

        /** The cloud simulator answering for the platform VPC, when {@link #resolver()} is {@code simulator}. */
        Optional<URI> simulatorUrl();

        /** How long a connect, a Kafka request or a lookup may take before its check fails. */
        @WithDefault("3s")
        Duration timeout();

        /**
         * How long one test may take: checks it has not reached by then are SKIPPED, saying so (a target list of many
         * names in many zones, a slow service).
         */
        @WithDefault("60s")
        Duration testDeadline();

        /** A test still waiting to run this long after it was asked (its worker was down) fails as expired, unrun. */
        @WithDefault("10m")
        Duration expireAfter();

        /** How often an instance looks for tests to run in its shards. */
        @WithDefault("1s")
        Duration pollInterval();

        /** The cloud's load balancer idle timeout, which Kafka clients should stay under (AWS NLB: 350 s). */
        @WithDefault("350s")
        Duration loadBalancerIdleTimeout();
    }

    /** The sweep of this deployment's endpoints that no connection owns (prefix {@code plc.worker.orphan-sweep}). */
    OrphanSweepSettings orphanSweep();

    interface OrphanSweepSettings {

        /** How long an endpoint must stay unknown, across passes, before it is deleted. */
        @WithDefault("1h")
        Duration grace();

        /** At most this many deletions per pass; more orphans are reported and wait for later passes. */
        @WithDefault("5")
        int maxDeletesPerPass();

        /** Only report what would be deleted (a log line per endpoint), delete nothing. */
        @WithDefault("false")
        boolean reportOnly();
    }
}
