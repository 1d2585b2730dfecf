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

        queue.run(oneTenant("delete"), items, step(answers));
        assertEquals(List.of("stuck", "b", "c"), ran, "the ones after the failing one ran in the same pass");
        assertTrue(queue.backingOff("delete", "stuck"));

        ran.clear();
        clock.advance(Duration.ofSeconds(1));
        queue.run(oneTenant("delete"), items, step(answers));
        assertEquals(List.of("b", "c"), ran, "within its backoff the failing one is skipped");

        ran.clear();
        clock.advance(Duration.ofSeconds(2));
        queue.run(oneTenant("delete"), items, step(answers));
        assertEquals(List.of("stuck", "b", "c"), ran, "after it, it is tried again");
        assertEquals(Duration.ofSeconds(4), queue.delayAfter(2), "and waits twice as long after a second failure");
    }

    @Test
    void aCreateBackingOffDoesNotHoldUpTheDeleteOfTheSameConnection() {
        queue.run(oneTenant("create"), List.of("plc-1"), step(Map.of("plc-1", Kind.RETRY_LATER)));
        assertTrue(queue.backingOff("create", "plc-1"));

        ran.clear();
        queue.run(oneTenant("delete"), List.of("plc-1"), step(Map.of("plc-1", Kind.TRANSITION)));
        assertEquals(List.of("plc-1"), ran, "the user's delete goes at once, whatever the create's backoff");
        assertTrue(queue.backingOff("create", "plc-1"), "the create's own backoff stands");
    }

    @Test
    void aBusyCloudEndsThePassInItsScopeAndBacksNothingOff() {
        Map<String, List<String>> waiting = queue.run(oneTenant("delete"), List.of("a", "b", "c"),
                step(Map.of("a", Kind.NONE, "b", Kind.CLOUD_BUSY, "c", Kind.NONE)));
        assertEquals(List.of("a", "b"), ran, "nothing more is asked of a throttled cloud in this pass");
        assertFalse(queue.backingOff("delete", "b"), "the throttled one goes first next pass");
        assertEquals(Map.of("region-1", List.of("b", "c")), waiting, "b and c wait for capacity, in that order");
    }

    @Test
    void aBusyScopeStopsOnlyItselfOtherRegionsGoOn() {
        // item "name@scope/tenant"; west's budget is spent, east's is not
        List<String> items = List.of("w1@west/t1", "w2@west/t1", "e1@east/t2", "w3@west/t3", "e2@east/t2");
        Map<String, List<String>> waiting = queue.run(byName("create"), items, item -> {
            ran.add(item);
            return item.contains("@west") ? Kind.CLOUD_BUSY : Kind.TRANSITION;
        });
        assertEquals(List.of("w1@west/t1", "e1@east/t2", "e2@east/t2"), ran,
                "one call meets west's wall; east's creates all go in the same pass");
        assertEquals(List.of("west"), List.copyOf(waiting.keySet()));
        assertEquals(3, waiting.get("west").size());
    }

    @Test
    void tenantsTakeTurnsSoABurstDelaysAnotherTenantByOneTurn() {
        // tenant "burst" has 100 creates pending before "single" asks for two; the budget takes one create a pass
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pending.add("b" + i + "@r/burst");
        }
        assertEquals("b0@r/burst", onePass(pending), "alone, the burst is served oldest first");
        pending.add("s0@r/single");
        pending.add("s1@r/single");
        assertEquals("s0@r/single", onePass(pending), "a tenant not served yet goes ahead of the burst's older creates");
        assertEquals("b1@r/burst", onePass(pending), "then the tenants take turns");
        assertEquals("s1@r/single", onePass(pending));
        assertEquals("b2@r/burst", onePass(pending));
    }

    /** One pass whose budget takes one create (the next call meets the wall): the create taken, now gone. */
    private String onePass(List<String> pending) {
        ran.clear();
        queue.run(byName("create"), pending, oneCreatePerPass());
        String taken = ran.get(0);
        pending.remove(taken);
        return taken;
    }

    /** The first call of a pass gets the budget's one token; the next meets the wall. */
    private Function<String, Kind> oneCreatePerPass() {
        int[] calls = {0};
        return item -> {
            ran.add(item);
            return calls[0]++ == 0 ? Kind.TRANSITION : Kind.CLOUD_BUSY;
        };
    }

    /** Items all in one scope and one tenant: the input order is the order taken. */
    private static ReconcileQueue.Work<String> oneTenant(String name) {
        return new ReconcileQueue.Work<>(name, id -> id, id -> "region-1", id -> List.of("tenant-1"));
    }

    /** Items named "id@scope/tenant". */
    private static ReconcileQueue.Work<String> byName(String name) {
        return new ReconcileQueue.Work<>(name, item -> item.substring(0, item.indexOf('@')),
                item -> item.substring(item.indexOf('@') + 1, item.indexOf('/')),
                item -> List.of(item.substring(item.indexOf('/') + 1)));
    }

    @Test
    void anUnexpectedExceptionIsOneResourcesFailure() {
        queue.run(oneTenant("delete"), List.of("boom", "b"), id -> {
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
