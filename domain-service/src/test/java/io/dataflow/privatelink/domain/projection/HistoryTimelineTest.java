package io.dataflow.privatelink.domain.projection;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.StateChange;
import io.dataflow.privatelink.domain.projection.ProjectionEffects.HistoryEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** The history as the API shows it, from the entries stored (one per event, in whatever order they were written). */
class HistoryTimelineTest {

    private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");

    static Stream<Arguments> timelines() {
        return Stream.of(
                argumentSet("a finished test shows the state the connection was in then",
                        List.of(state("e1", 1, ConnectionState.CREATING, null), state("e2", 2, ConnectionState.ACTIVE, null),
                                test("e3", 3, "t1", "passed"), state("e4", 4, ConnectionState.FAILED, "gone")),
                        List.of("CREATING", "ACTIVE", "ACTIVE t1 passed", "FAILED gone")),
                argumentSet("a completion stored twice (published again) shows once",
                        List.of(state("e1", 1, ConnectionState.ACTIVE, null), test("e2", 3, "t1", "passed"),
                                test("e9", 3, "t1", "passed")),
                        List.of("ACTIVE", "ACTIVE t1 passed")),
                argumentSet("two results of one test: the later completion shows, at its time",
                        List.of(state("e1", 1, ConnectionState.ACTIVE, null), test("e2", 3, "t1", "passed"),
                                state("e3", 4, ConnectionState.FAILED, "gone"), test("e4", 5, "t1", "failed")),
                        List.of("ACTIVE", "FAILED gone", "FAILED t1 failed")),
                argumentSet("a state repeated after a test is still a repeat",
                        List.of(state("e1", 1, ConnectionState.ACTIVE, null), test("e2", 2, "t1", "passed"),
                                state("e3", 3, ConnectionState.ACTIVE, null)),
                        List.of("ACTIVE", "ACTIVE t1 passed")),
                argumentSet("a test before any state (clocks apart): a connection starts CREATING",
                        List.of(test("e1", 1, "t1", "passed"), state("e2", 2, ConnectionState.CREATING, null)),
                        List.of("CREATING t1 passed", "CREATING")));
    }

    @ParameterizedTest
    @MethodSource("timelines")
    void showsTheHistoryWhateverOrderItWasStoredIn(List<HistoryEntry> entries, List<String> shown) {
        List<HistoryEntry> reversed = new ArrayList<>(entries);
        Collections.reverse(reversed);
        assertEquals(shown, lines(HistoryTimeline.of(entries)));
        assertEquals(shown, lines(HistoryTimeline.of(reversed)));
    }

    private static List<String> lines(List<StateChange> changes) {
        return changes.stream().map(c -> c.state() + (c.connectivityTestId() != null ? " " + c.connectivityTestId() : "")
                + (c.message() != null ? " " + c.message() : "")).toList();
    }

    private static HistoryEntry state(String eventId, int second, ConnectionState state, String message) {
        return new HistoryEntry(eventId, "plc-1", state, message, T0.plusSeconds(second), null);
    }

    private static HistoryEntry test(String eventId, int second, String testId, String message) {
        return HistoryEntry.connectivityTest(eventId, "plc-1", message, T0.plusSeconds(second), testId);
    }
}
