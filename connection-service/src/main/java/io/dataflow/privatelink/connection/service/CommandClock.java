package io.dataflow.privatelink.connection.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time commands record. */
final class CommandClock {

    private static final Clock CLOCK = Clock.systemUTC();

    private CommandClock() {
    }

    /** Microsecond precision: what PostgreSQL stores, so that a stored and a returned time agree. */
    static Instant now() {
        return CLOCK.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
