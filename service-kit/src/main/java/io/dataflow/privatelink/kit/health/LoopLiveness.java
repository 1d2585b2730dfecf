package io.dataflow.privatelink.kit.health;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The loops of this process whose hang the liveness check reports ({@link LoopLivenessCheck}). */
@ApplicationScoped
public class LoopLiveness {

    private final List<LoopWatch> watches = new CopyOnWriteArrayList<>();

    /** A watch for one loop; a turn longer than {@code stalledAfter} fails liveness until it ends. */
    public LoopWatch watch(String loop, Duration stalledAfter) {
        LoopWatch watch = new LoopWatch(loop, stalledAfter, Clock.systemUTC());
        watches.add(watch);
        return watch;
    }

    List<LoopWatch> watches() {
        return List.copyOf(watches);
    }
}
