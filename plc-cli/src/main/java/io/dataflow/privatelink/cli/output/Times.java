package io.dataflow.privatelink.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A moment as a person reads it: local time with its zone, and how far away it is ("in 6 days", "5 minutes ago"). */
public final class Times {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    private Times() {
    }

    /** {@code 2026-12-08 11:00 CET (in 6 days)}. */
    public static String localAndRelative(Instant at, Instant now, ZoneId zone) {
        return LOCAL.format(at.atZone(zone)) + " (" + relative(at, now) + ")";
    }

    /** {@code in 6 days}, {@code in 5 hours}, {@code 12 minutes ago}; units as a list's Age column counts them. */
    public static String relative(Instant at, Instant now) {
        Duration between = Duration.between(now, at);
        long seconds = Math.abs(between.toSeconds());
        String amount;
        if (seconds < 120) {
            amount = seconds + (seconds == 1 ? " second" : " seconds");
        } else if (seconds < 2 * 3600) {
            amount = seconds / 60 + " minutes";
        } else if (seconds < 2 * 86400) {
            amount = seconds / 3600 + " hours";
        } else {
            amount = seconds / 86400 + " days";
        }
        return between.isNegative() ? amount + " ago" : "in " + amount;
    }
}
