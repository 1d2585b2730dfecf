package io.dataflow.privatelink.cli;

import io.dataflow.privatelink.cli.output.Times;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** A deadline as get's {@code Accept by} and --wait's next step show it: local time, and how far away. */
class TimesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T09:30:00Z");

    static Stream<Arguments> distances() {
        return Stream.of(
                argumentSet("days once two days away, whole days only", Duration.ofDays(6).plusHours(23), "in 6 days"),
                argumentSet("hours below two days", Duration.ofHours(47), "in 47 hours"),
                argumentSet("minutes below two hours", Duration.ofMinutes(119), "in 119 minutes"),
                argumentSet("seconds below two minutes", Duration.ofSeconds(90), "in 90 seconds"),
                argumentSet("one second, singular", Duration.ofSeconds(1), "in 1 second"),
                argumentSet("a deadline passed (the worker has not yet said so)", Duration.ofMinutes(-12), "12 minutes ago"));
    }

    @ParameterizedTest
    @MethodSource("distances")
    void relativeCountsTheLargestWholeUnit(Duration fromNow, String shown) {
        assertEquals(shown, Times.relative(NOW.plus(fromNow), NOW));
    }

    @Test
    void localTimeIsTheZonesWithItsName() {
        Instant deadline = Instant.parse("2026-12-08T10:00:00Z");

        assertEquals("2026-12-08 11:00 CET (in 6 days)", Times.localAndRelative(deadline, NOW, ZoneId.of("Europe/Berlin")));
        assertEquals("2026-12-08 10:00 UTC (in 6 days)", Times.localAndRelative(deadline, NOW, ZoneId.of("UTC")));
    }
}
