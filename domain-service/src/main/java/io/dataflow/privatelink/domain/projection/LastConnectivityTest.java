package io.dataflow.privatelink.domain.projection;

import io.dataflow.privatelink.contract.api.ConnectivityTest;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTestState;
import io.dataflow.privatelink.contract.event.EventJson;

import java.time.Instant;
import java.util.Comparator;

/**
 * Which connectivity test a connection shows: its last one. A test's request (RUNNING) and its completion travel on
 * different topics, so the completion may come first, an older test's events after a newer one's, a completion twice
 * (a worker's outbox replayed). The choice is therefore the greatest test in one total order, never the one that
 * arrived last: the same tests give the same answer in any order.
 */
public final class LastConnectivityTest {

    /**
     * Later means: requested later (the test id breaks a tie); for the same test, completed rather than RUNNING (no
     * completion time yet: a RUNNING never hides its own result); of two results of one test, the later completion,
     * then the greater history message (the view and the history pick the same one, {@link HistoryTimeline}), then
     * the greater JSON.
     */
    static final Comparator<ConnectivityTest> LATER = Comparator
            .comparing(LastConnectivityTest::requestTime, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ConnectivityTest::testId)
            .thenComparing(ConnectivityTest::completeTime, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(t -> isDone(t) ? ConnectivityTestHistory.message(t) : "")
            .thenComparing(EventJson::write);

    private LastConnectivityTest() {
    }

    /** The test to show of the one shown so far ({@code current}, may be null) and one more. */
    public static ConnectivityTest of(ConnectivityTest current, ConnectivityTest candidate) {
        return current == null || LATER.compare(candidate, current) > 0 ? candidate : current;
    }

    public static boolean isDone(ConnectivityTest test) {
        return test.state() != null && test.state() != ConnectivityTestState.RUNNING;
    }

    /** A completion without its request time (the contract does not require it) is placed at its completion. */
    private static Instant requestTime(ConnectivityTest test) {
        return test.requestTime() != null ? test.requestTime() : test.completeTime();
    }
}
