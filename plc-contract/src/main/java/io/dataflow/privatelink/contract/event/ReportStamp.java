package io.dataflow.privatelink.contract.event;

import java.time.Instant;

/**
 * Where a worker's report stands among that worker's reports on one connection or attachment: its version,
 * then its change time, then its event id. Every reader of the reports (connection-service's aggregate,
 * domain-service's read model) keeps the stamp of the last report it took and takes another only when
 * {@link #supersedes} says so: a report that arrives late never overwrites a later one, and both readers
 * agree on which report is the latest.
 */
public record ReportStamp(long version, Instant time, String eventId) {

    /** Later version first; a tie goes to the later time, then to the larger event id. */
    public boolean supersedes(ReportStamp taken) {
        if (version != taken.version) {
            return version > taken.version;
        }
        if (taken.time == null || !time.equals(taken.time)) {
            return taken.time == null || time.isAfter(taken.time);
        }
        return taken.eventId == null || eventId.compareTo(taken.eventId) > 0;
    }
}
