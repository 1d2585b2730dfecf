package io.dataflow.privatelink.kit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the outbox relay. */
@ConfigMapping(prefix = "plc.outbox")
public interface OutboxConfig {

    /** Whether this service relays its outbox to Kafka (off only in services that emit nothing). */
    @WithDefault("true")
    boolean enabled();

    /** How long the relay waits for new rows when no commit notification wakes it (the safety net). */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * While commits come in a stream (two batches with rows in a row), the relay waits this long after a
     * batch smaller than {@link #batchSize()}: rows committed meanwhile go out together (one Kafka flush,
     * one delete, one commit) instead of a relay transaction each. The first rows after a quiet spell,
     * and the next batch after them, go at once. 0 to relay without waiting.
     */
    @WithDefault("20ms")
    Duration linger();

    /** Rows published per relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** Pause after the first failed relay attempt (Kafka or the database unreachable); doubles up to the max. */
    @WithDefault("200ms")
    Duration retryBackoff();

    @WithDefault("5s")
    Duration maxRetryBackoff();

    /** How long Kafka may take to acknowledge an event before the attempt counts as failed. */
    @WithDefault("30s")
    Duration deliveryTimeout();

    /** How long attempts may keep failing before the relay's check (health group {@code pipeline}) reports DOWN. */
    @WithDefault("30s")
    Duration stuckAfter();

    /**
     * How long one relay attempt may last before liveness reports the relay hung. An attempt waits for
     * Kafka at most {@link #deliveryTimeout()} (and a margin), so longer means a hang.
     */
    @WithDefault("2m")
    Duration stalledAfter();

    /** How often the outbox's metrics (backlog, oldest row's age, parked rows) are read from the database. */
    @WithDefault("15s")
    Duration metricsInterval();
}
