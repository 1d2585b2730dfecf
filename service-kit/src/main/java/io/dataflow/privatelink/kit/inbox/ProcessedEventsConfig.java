package io.dataflow.privatelink.kit.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long consumers remember the events they processed (prefix {@code plc.processed-events}). */
@ConfigMapping(prefix = "plc.processed-events")
public interface ProcessedEventsConfig {

    /**
     * Far longer than any redelivery: Kafka redelivers what a consumer had not committed, within minutes of
     * a restart or rebalance, never days later.
     */
    @WithDefault("7d")
    Duration retention();

    /** How often the ids older than the retention are deleted. */
    @WithDefault("1h")
    Duration purgeInterval();
}
