package io.dataflow.privatelink.simulator.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Faults armed per action ({@code "*"} matches every action). Each call walks the armed faults in order:
 * latencies add up, the first error that fires wins. Counted faults retire when used up. Thread-safe.
 */
public final class FaultInjector {

    public static final String ANY_ACTION = "*";

    /** What to do to one call: wait this long, then fail with this kind of error (null: do not fail). */
    public record Outcome(Duration delay, FaultSpec.Kind error) {
        static final Outcome NONE = new Outcome(Duration.ZERO, null);
    }

    private static final class Armed {
        final String action;
        final FaultSpec spec;
        int remaining; // -1 = unlimited

        Armed(String action, FaultSpec spec) {
            this.action = action;
            this.spec = spec;
            this.remaining = spec.times();
        }
    }

    private final List<Armed> armed = new ArrayList<>();

    public synchronized void inject(String action, FaultSpec spec) {
        armed.add(new Armed(action, spec));
    }

    public synchronized void clear() {
        armed.clear();
    }

    public synchronized List<String> describe() {
        return armed.stream()
                .map(a -> a.action + " " + a.spec + (a.remaining > 0 ? " remaining=" + a.remaining : ""))
                .toList();
    }

    public synchronized Outcome onCall(String action) {
        if (armed.isEmpty()) {
            return Outcome.NONE;
        }
        Duration delay = Duration.ZERO;
        FaultSpec.Kind error = null;
        for (var it = armed.iterator(); it.hasNext(); ) {
            Armed a = it.next();
            if (!(a.action.equals(action) || a.action.equals(ANY_ACTION))) {
                continue;
            }
            boolean isError = a.spec.kind() != FaultSpec.Kind.LATENCY;
            if ((isError && error != null) || !fires(a.spec)) {
                continue;
            }
            if (a.remaining > 0 && --a.remaining == 0) {
                it.remove();
            }
            if (isError) {
                error = a.spec.kind();
            } else {
                delay = delay.plus(a.spec.latency());
            }
        }
        return new Outcome(delay, error);
    }

    private static boolean fires(FaultSpec spec) {
        return spec.probability() >= 1.0 || ThreadLocalRandom.current().nextDouble() < spec.probability();
    }
}
