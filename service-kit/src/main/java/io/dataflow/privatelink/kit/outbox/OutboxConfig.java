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

    /** How long the relay waits for new rows when it is not woken by a local commit. */
    @WithDefault("200ms")
    Duration pollInterval();

    /** Rows published per relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** Pause after a failed relay attempt (Kafka or the database unreachable) before the next. */
    @WithDefault("1s")
    Duration retryBackoff();
}
