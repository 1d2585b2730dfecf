package io.dataflow.privatelink.domain;

import java.util.concurrent.atomic.AtomicLong;

/** Producer versions for events the tests send: each later than the one before, as a producer's are. */
final class TestVersions {

    private static final AtomicLong LAST = new AtomicLong();

    private TestVersions() {
    }

    static long next() {
        return LAST.incrementAndGet();
    }
}
