package io.dataflow.privatelink.worker.budget;

import io.dataflow.privatelink.contract.timing.ExponentialBackoff;
import io.dataflow.privatelink.worker.cloud.CloudException;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries a cloud call that failed with a retryable {@link CloudException} (throttling, 5xx), with
 * exponential backoff and full jitter, for SDKs that do not do it themselves (Alibaba Cloud's core SDK
 * does not retry throttling, which it receives as HTTP 400). Failures that are final pass through at once.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final ExponentialBackoff backoff;

    public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.backoff = new ExponentialBackoff(baseDelay, maxDelay);
    }

    public <T> T call(Supplier<T> cloudCall) {
        for (int attempt = 1; ; attempt++) {
            try {
                return cloudCall.get();
            } catch (CloudException e) {
                if (!e.retryable() || attempt >= maxAttempts) {
                    throw e;
                }
                sleep(delayBefore(attempt + 1));
            }
        }
    }

    /** Before attempt n, n - 1 attempts have failed; full jitter, so retries of many workers spread out. */
    Duration delayBefore(int attempt) {
        return backoff.jitteredAfter(attempt - 1, ThreadLocalRandom.current());
    }

    Duration ceilingBefore(int attempt) {
        return backoff.after(attempt - 1);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException("Interrupted", "interrupted while backing off", true, e);
        }
    }
}
