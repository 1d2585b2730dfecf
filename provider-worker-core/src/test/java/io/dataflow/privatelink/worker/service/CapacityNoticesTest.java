package io.dataflow.privatelink.worker.service;

import io.dataflow.privatelink.worker.cloud.CloudLocation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacityNoticesTest {

    private static final CloudLocation EAST = new CloudLocation("111111111111", "us-east-1");
    private static final Optional<Duration> PACE = Optional.of(Duration.ofSeconds(2));
    private final CapacityNotices notices = new CapacityNotices();
    private final Instant t0 = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aWaitLongEnoughToNoticeIsToldWithItsPlaceAndEstimate() {
        List<CapacityNotices.Notice> due = notices.due(EAST, line(8), PACE, t0);
        assertEquals(List.of("c5", "c6", "c7", "c8"), due.stream().map(CapacityNotices.Notice::connectionId).toList(),
                "places 1-4 are taken within 10 s: not worth an event");
        assertEquals("Waiting for cloud capacity: number 5 in line for endpoint creates in us-east-1 of account "
                + "111111111111, about 10 s. Creates of every cluster share the platform account's rate budget in turn.",
                due.get(0).message());
    }

    @Test
    void toldAgainOnlyWhenThePlaceHalvedAndNotWithinHalfAMinute() {
        assertEquals(100, notices.due(EAST, line(100), Optional.empty(), t0).size(), "no pace: every waiting one told");
        // 40 creates taken: c41 is now first (was 41st), c80 40th (was 80th), c81 41st (was 81st)
        List<String> after40 = line(100).subList(40, 100);
        assertTrue(notices.due(EAST, after40, Optional.empty(), t0.plusSeconds(10)).isEmpty(), "told 10 s ago");
        assertEquals(ids(41, 80), told(notices.due(EAST, after40, Optional.empty(), t0.plusSeconds(31))),
                "c41..c80 are at half their place or less; c81..c100 not yet");
        // 30 more taken: c71..c80 were told at t0+31, c81..c100 at t0 (now 11th..30th)
        List<CapacityNotices.Notice> later = notices.due(EAST, line(100).subList(70, 100), Optional.empty(),
                t0.plusSeconds(40));
        assertEquals(ids(81, 100), told(later), "c71..c80 were told 9 s ago");
        assertEquals("Waiting for cloud capacity: number 11 in line for endpoint creates in us-east-1 of account "
                + "111111111111, until the cloud takes calls again. Creates of every cluster share the platform "
                + "account's rate budget in turn.", later.get(0).message());
    }

    private static List<String> told(List<CapacityNotices.Notice> notices) {
        return notices.stream().map(CapacityNotices.Notice::connectionId).toList();
    }

    private static List<String> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "c" + i).toList();
    }

    @Test
    void aConnectionNoLongerWaitingIsForgotten() {
        notices.due(EAST, line(20), Optional.empty(), t0);
        notices.retainOnly(Set.of("c20"));
        assertEquals(List.of("c1"), notices.due(EAST, List.of("c1"), Optional.empty(), t0.plusSeconds(1))
                .stream().map(CapacityNotices.Notice::connectionId).toList(), "c1 waits again: told again at once");
    }

    private static List<String> line(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "c" + i).toList();
    }
}
