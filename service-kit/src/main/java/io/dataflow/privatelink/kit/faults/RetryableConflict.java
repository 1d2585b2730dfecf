package io.dataflow.privatelink.kit.faults;

/**
 * Another transaction got there first (for instance, the same events delivered to two consumers during a
 * rebalance): this one is rolled back and retried, and then sees the other's work.
 */
public class RetryableConflict extends RuntimeException {

    public RetryableConflict(String message) {
        super(message);
    }
}
