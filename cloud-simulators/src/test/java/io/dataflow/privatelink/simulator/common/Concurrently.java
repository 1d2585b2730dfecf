package io.dataflow.privatelink.simulator.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Many callers at once, for tests of idempotency and counters under races. */
public final class Concurrently {

    private static final int THREADS = 8;

    private Concurrently() {
    }

    /**
     * Runs {@code task.apply(i)} for {@code i} in {@code 0..n-1} on a pool of 8 threads and returns the
     * results in that order, once all are done; the first failure is rethrown.
     */
    public static <T> List<T> call(int n, IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(task.apply(i)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
