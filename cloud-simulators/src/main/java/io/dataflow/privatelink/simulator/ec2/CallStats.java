package io.dataflow.privatelink.simulator.ec2;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-action counters: every request that names an action counts as a call (whatever its outcome), and
 * every {@code RequestLimitExceeded} answered counts as a throttle, so benchmarks see exactly what a
 * client cost the "cloud".
 */
final class CallStats {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();

    void recordCall(String action) {
        calls.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    void recordThrottle(String action) {
        throttled.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    long calls(String action) {
        LongAdder n = calls.get(action);
        return n == null ? 0 : n.sum();
    }

    long throttled(String action) {
        LongAdder n = throttled.get(action);
        return n == null ? 0 : n.sum();
    }

    long throttledTotal() {
        return throttled.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> callsSnapshot() {
        return snapshot(calls);
    }

    Map<String, Long> throttledSnapshot() {
        return snapshot(throttled);
    }

    void reset() {
        calls.clear();
        throttled.clear();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
