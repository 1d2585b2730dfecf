package io.dataflow.privatelink.worker.service;

import io.dataflow.privatelink.kit.testing.MovableClock;
import io.dataflow.privatelink.worker.reconcile.Outcome.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcileQueueTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T00:00:00Z"));
    private final ReconcileQueue queue = new ReconcileQueue(Duration.ofSeconds(2), Duration.ofMinutes(5), clock);
    private final List<String> ran = new ArrayList<>();

    @Test
    void aFailingDeleteBacksOffOnItsOwnAndTheOthersProceed() {
        Map<String, Kind> answers = Map.of("stuck", Kind.RETRY_LATER, "b", Kind.TRANSITION, "c", Kind.REMOVED);
        List<String> items = List.of("stuck", "b", "c");

        queue.run("delete", items, id -> id, step(answers));
        assertEquals(List.of("stuck", "b", "c"), ran, "the ones after the failing one ran in the same pass");
        assertTrue(queue.backingOff("delete", "stuck"));

        ran.clear();
        clock.advance(Duration.ofSeconds(1));
        queue.run("delete", items, id -> id, step(answers));
        assertEquals(List.of("b", "c"), ran, "within its backoff the failing one is skipped");

        ran.clear();
        clock.advance(Duration.ofSeconds(2));
        queue.run("delete", items, id -> id, step(answers));
        assertEquals(List.of("stuck", "b", "c"), ran, "after it, it is tried again");
        assertEquals(Duration.ofSeconds(4), queue.delayAfter(2), "and waits twice as long after a second failure");
    }

    @Test
    void aCreateBackingOffDoesNotHoldUpTheDeleteOfTheSameConnection() {
        queue.run("create", List.of("plc-1"), id -> id, step(Map.of("plc-1", Kind.RETRY_LATER)));
        assertTrue(queue.backingOff("create", "plc-1"));

        ran.clear();
        queue.run("delete", List.of("plc-1"), id -> id, step(Map.of("plc-1", Kind.TRANSITION)));
        assertEquals(List.of("plc-1"), ran, "the user's delete goes at once, whatever the create's backoff");
        assertTrue(queue.backingOff("create", "plc-1"), "the create's own backoff stands");
    }

    @Test
    void aBusyCloudEndsThePassAndBacksNothingOff() {
        queue.run("delete", List.of("a", "b", "c"), id -> id, step(Map.of("a", Kind.NONE, "b", Kind.CLOUD_BUSY, "c", Kind.NONE)));
        assertEquals(List.of("a", "b"), ran, "nothing more is asked of a throttled cloud in this pass");
        assertFalse(queue.backingOff("delete", "b"), "the throttled one goes first next pass");
    }

    @Test
    void anUnexpectedExceptionIsOneResourcesFailure() {
        queue.run("delete", List.of("boom", "b"), id -> id, id -> {
            ran.add(id);
            if (id.equals("boom")) {
                throw new IllegalStateException("bug");
            }
            return Kind.NONE;
        });
        assertEquals(List.of("boom", "b"), ran);
        assertTrue(queue.backingOff("delete", "boom"));
    }

    @Test
    void backoffDoublesUpToItsCeiling() {
        assertEquals(Duration.ofSeconds(2), queue.delayAfter(1));
        assertEquals(Duration.ofSeconds(8), queue.delayAfter(3));
        assertEquals(Duration.ofMinutes(5), queue.delayAfter(12));
        assertEquals(Duration.ofMinutes(5), queue.delayAfter(100));
    }

    private Function<String, Kind> step(Map<String, Kind> answers) {
        return id -> {
            ran.add(id);
            return answers.get(id);
        };
    }
}
