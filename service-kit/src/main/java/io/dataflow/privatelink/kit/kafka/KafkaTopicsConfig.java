package io.dataflow.privatelink.kit.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** The topics a service makes sure exist when it starts (prefix {@code plc.kafka}). */
@ConfigMapping(prefix = "plc.kafka")
public interface KafkaTopicsConfig {

    /** Off where topics are provisioned by other means (the service then only uses them). */
    @WithDefault("true")
    boolean createTopics();

    /** The topics this service reads or writes. */
    Optional<List<String>> topics();

    /**
     * Of those, the topics that keep each key's latest record only (cleanup.policy=compact): the
     * integration stream of snapshots.
     */
    Optional<List<String>> compactedTopics();

    @WithDefault("3")
    int partitions();

    /** 1 for the single local broker; 3 in production. */
    @WithDefault("1")
    short replicationFactor();
}
