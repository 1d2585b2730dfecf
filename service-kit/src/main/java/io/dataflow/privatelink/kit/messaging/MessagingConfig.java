package io.dataflow.privatelink.kit.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How consumers retry a batch that failed for a transient reason (prefix {@code plc.messaging}). */
@ConfigMapping(prefix = "plc.messaging")
public interface MessagingConfig {

    /** Pause before the first retry; it doubles (with jitter) up to {@link #maxRetryBackoff()}. */
    @WithDefault("200ms")
    Duration retryBackoff();

    @WithDefault("10s")
    Duration maxRetryBackoff();

    /** How long one batch may take before readiness reports the consumer stuck. */
    @WithDefault("60s")
    Duration stuckAfter();
}
