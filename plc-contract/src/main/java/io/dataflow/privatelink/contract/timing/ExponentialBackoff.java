package io.dataflow.privatelink.contract.timing;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The one backoff rule of every hand-written retry loop (the outbox relay, the reconcile queue, the cloud
 * retry policy, the CLI's requests and status stream): the first delay after the first failure, doubled
 * for each failure after it, never more than {@code max}. Kafka batch retries use Mutiny's own backoff and
 * the AWS SDK its retry strategy; this is for the loops we write.
 */
public record ExponentialBackoff(Duration first, Duration max) {

    public ExponentialBackoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
        }
    }

    /** The delay after {@code failures} failures in a row (1 for the first). */
    public Duration after(int failures) {
        long millis = first.toMillis() << Math.min(Math.max(failures, 1) - 1, 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** Full jitter: uniformly between zero and {@link #after}, so the retries of many callers spread out. */
    public Duration jitteredAfter(int failures, RandomGenerator random) {
        return Duration.ofMillis(random.nextLong(after(failures).toMillis() + 1));
    }
}
