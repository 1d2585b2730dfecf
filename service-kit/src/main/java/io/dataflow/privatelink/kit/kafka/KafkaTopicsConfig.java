package io.dataflow.privatelink.kit.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The topics a service makes sure exist, with the settings it relies on, when it starts (prefix
 * {@code plc.kafka}). Production's replication is set in service-kit's
 * {@code META-INF/microprofile-config.properties} ({@code %prod}: 3 replicas, 2 in sync).
 */
@ConfigMapping(prefix = "plc.kafka")
public interface KafkaTopicsConfig {

    /** Off where topics are provisioned by other means (the service then only uses them, and checks them). */
    @WithDefault("true")
    boolean createTopics();

    /** The topics this service reads or writes. */
    Optional<List<String>> topics();

    /**
     * Of those, the topics that keep each key's latest record only (cleanup.policy=compact): the
     * integration stream of snapshots.
     */
    Optional<List<String>> compactedTopics();

    /** Of those, the topics this service consumes: each gets its dead-letter topic, created here too. */
    Optional<List<String>> consumedTopics();

    /** The name this service consumes under (its processed-event log and dead-letter topics carry it). */
    @WithDefault("${quarkus.application.name}")
    String consumerName();

    /**
     * How long the event topics keep records: -1, forever, because the read models are rebuilt from
     * them ({@code deploy/local/rebuild-read-models}); dead-letter topics keep theirs forever too. An
     * existing event topic that keeps them for less is refused at start-up.
     */
    @WithDefault("-1")
    long retentionMs();

    /**
     * How long a compacted topic keeps a tombstone (a deleted connection's last record) before
     * compaction removes it: a reader away for longer misses the deletion.
     */
    @WithDefault("7d")
    Duration deleteRetention();

    @WithDefault("3")
    int partitions();

    /** 1 for the single local broker (development, tests, the local stack); 3 in production. */
    @WithDefault("1")
    short replicationFactor();

    /** Replicas that must have a write before it is acknowledged (acks=all); production: 2. */
    Optional<Integer> minInsyncReplicas();
}
