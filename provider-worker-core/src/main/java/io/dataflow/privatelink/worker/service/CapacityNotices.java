package io.dataflow.privatelink.worker.service;

import io.dataflow.privatelink.worker.cloud.CloudLocation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which creates waiting for the cloud's capacity should say so now, and what: "waiting for cloud capacity", with
 * the place in line and an estimate. Told once a wait looks long enough to be noticed, and again only when the place
 * has at least halved and a while has passed, so a long line costs each connection a handful of reports (each is a
 * row update and an event), not one per pass. Remembered in memory: after a restart a waiting create is told once
 * more.
 */
final class CapacityNotices {

    /** A wait shorter than this is over before anyone reads it. */
    static final Duration WORTH_TELLING = Duration.ofSeconds(10);
    /** At most one report per connection per this long. */
    static final Duration RETELL_AFTER = Duration.ofSeconds(30);

    /** What to tell one waiting connection. */
    record Notice(String connectionId, String message) {
    }

    private record Told(int place, Instant at) {
    }

    private final Map<String, Told> told = new HashMap<>();

    /**
     * The notices due now for the connections waiting in {@code location}, in line order (index 0 meets the wall
     * first); {@code pace}: the time the location's budget takes per create, when it is known.
     */
    List<Notice> due(CloudLocation location, List<String> inLine, Optional<Duration> pace, Instant now) {
        List<Notice> notices = new ArrayList<>();
        for (int i = 0; i < inLine.size(); i++) {
            int place = i + 1;
            Optional<Duration> estimate = pace.map(p -> p.multipliedBy(place));
            if (estimate.isPresent() && estimate.get().compareTo(WORTH_TELLING) < 0) {
                continue;
            }
            String id = inLine.get(i);
            Told last = told.get(id);
            boolean movedMuch = last == null || place * 2 <= last.place() || place >= last.place() * 2;
            if (!movedMuch || (last != null && last.at().plus(RETELL_AFTER).isAfter(now))) {
                continue;
            }
            told.put(id, new Told(place, now));
            notices.add(new Notice(id, message(location, place, estimate)));
        }
        return notices;
    }

    /** Forgets the connections no longer waiting (taken, deleted, or another instance's now). */
    void retainOnly(Set<String> waiting) {
        told.keySet().retainAll(waiting);
    }

    static String message(CloudLocation location, int place, Optional<Duration> estimate) {
        return "Waiting for cloud capacity: number " + place + " in line for endpoint creates in " + location
                + estimate.map(e -> ", about " + roughly(e)).orElse(", until the cloud takes calls again")
                + ". Creates of every cluster share the platform account's rate budget in turn.";
    }

    private static String roughly(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 90) {
            return seconds + " s";
        }
        long minutes = Math.round(seconds / 60.0);
        return minutes < 90 ? minutes + " min" : Math.round(minutes / 60.0) + " h";
    }
}
