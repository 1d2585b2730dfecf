package io.dataflow.privatelink.connection.security;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The counts of refused requests, while flushes drain them concurrently: none lost, none counted twice. */
class UnauthenticatedRequestsTest {

    @Test
    void countsMadeWhileAFlushDrainsThemAreNeitherLostNorDoubled() throws Exception {
        UnauthenticatedRequests counts = new UnauthenticatedRequests(null, 100);
        int threads = 4;
        int perThread = 200_000;
        Instant minute = Instant.parse("2026-12-07T10:00:00Z");
        AtomicLong drained = new AtomicLong();
        AtomicBoolean counting = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> counters = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            String source = "10.0.0." + (t % 2); // two threads per key: they race on the same count
            counters.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    counts.count(source, minute);
                }
            }));
        }
        Thread flusher = new Thread(() -> {
            while (counting.get()) {
                counts.drain().forEach(entry -> drained.addAndGet(entry.getValue()));
            }
        });
        flusher.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Future<?> counter : counters) {
            // every count made (or the counting thread's failure, rethrown)
            counter.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        counting.set(false);
        flusher.join();
        for (Map.Entry<UnauthenticatedRequests.Key, Long> rest : counts.drain()) {
            drained.addAndGet(rest.getValue());
        }
        pool.shutdown();
        assertEquals((long) threads * perThread, drained.get());
    }
}
