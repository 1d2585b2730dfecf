package io.dataflow.privatelink.simulator.common;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-action counters: every request that names an action counts as a call (whatever its outcome), and
 * every throttling error answered counts as a throttle, so benchmarks see exactly what a client cost the
 * "cloud". Thread-safe.
 */
public final class CallStats {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();

    public void recordCall(String action) {
        calls.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    public void recordThrottle(String action) {
        throttled.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    public long calls(String action) {
        LongAdder n = calls.get(action);
        return n == null ? 0 : n.sum();
    }

    public long throttled(String action) {
        LongAdder n = throttled.get(action);
        return n == null ? 0 : n.sum();
    }

    public long throttledTotal() {
        return throttled.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> callsSnapshot() {
        return snapshot(calls);
    }

    public Map<String, Long> throttledSnapshot() {
        return snapshot(throttled);
    }

    public void reset() {
        calls.clear();
        throttled.clear();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
