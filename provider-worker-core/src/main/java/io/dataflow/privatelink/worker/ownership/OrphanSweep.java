package io.dataflow.privatelink.worker.ownership;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.worker.cloud.CloudLocation;
import io.dataflow.privatelink.worker.cloud.EndpointView;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which of this deployment's endpoints that belong to no known connection may be deleted. An
 * endpoint is deleted only after it was found unknown in two passes at least {@code grace} apart (a worker
 * pointed at an empty or restored database deletes nothing within the grace), at most
 * {@code maxDeletesPerPass} per pass (more are reported, not deleted), and never in report-only mode.
 * <p>
 * When each endpoint was first found unknown is kept in memory: a restart, or shard 0 passing to another
 * replica, starts the grace again, which only ever delays a deletion. Pure: the caller deletes.
 */
public final class OrphanSweep {

    public record Settings(Duration grace, int maxDeletesPerPass, boolean reportOnly) {
        public Settings {
            if (grace.isNegative() || maxDeletesPerPass < 0) {
                throw new IllegalArgumentException("orphan sweep: grace and max-deletes-per-pass must not be negative");
            }
        }
    }

    public enum Verdict {
        /** Found unknown for the first time: the grace starts. */
        FIRST_SEEN,
        /** Still unknown, the grace not yet over. */
        IN_GRACE,
        /** Unknown for longer than the grace: delete it. */
        DELETE,
        /** Would be deleted, but this pass has deleted its maximum already. */
        OVER_PASS_LIMIT,
        /** Would be deleted, but the sweep only reports. */
        REPORT_ONLY,
        /** Set by the caller: the delete was tried and the cloud refused it (the next pass tries again). */
        DELETE_FAILED
    }

    /** One endpoint's verdict and why, in words for the log. */
    public record Decision(CloudLocation location, String endpointId, String connectionId, Verdict verdict, String reason) {

        public Decision failed(String why) {
            return new Decision(location, endpointId, connectionId, Verdict.DELETE_FAILED, reason + "; the delete failed: "
                    + why);
        }
    }

    private final Settings settings;
    /** location + endpoint id → when this instance first found it unknown. */
    private final Map<String, Instant> unknownSince = new HashMap<>();

    public OrphanSweep(Settings settings) {
        this.settings = settings;
    }

    /**
     * The verdicts for one location's observation (already only this deployment's endpoints). Endpoints being
     * deleted, gone, or owned by a known connection get none and their grace is forgotten.
     */
    public synchronized List<Decision> decide(CloudLocation location, List<EndpointView> observed, Set<String> knownConnectionIds,
                                              Instant now) {
        List<Decision> decisions = new ArrayList<>();
        Set<String> stillUnknown = new HashSet<>();
        int deletes = 0;
        for (EndpointView view : observed) {
            boolean unknown = view.connectionId() != null && !knownConnectionIds.contains(view.connectionId());
            if (!unknown || view.state() == null || view.state() == ConnectionState.DELETING) {
                continue;
            }
            String key = location + "/" + view.endpointId();
            stillUnknown.add(key);
            Instant since = unknownSince.putIfAbsent(key, now);
            Verdict verdict;
            String reason;
            if (since == null) {
                verdict = Verdict.FIRST_SEEN;
                reason = "owned by no connection of this deployment; deleted if still so after " + settings.grace();
            } else if (Duration.between(since, now).compareTo(settings.grace()) < 0) {
                verdict = Verdict.IN_GRACE;
                reason = "owned by no connection since " + since + "; the grace of " + settings.grace() + " runs";
            } else if (settings.reportOnly()) {
                verdict = Verdict.REPORT_ONLY;
                reason = "owned by no connection since " + since + "; not deleted: the sweep is report-only";
            } else if (deletes >= settings.maxDeletesPerPass()) {
                verdict = Verdict.OVER_PASS_LIMIT;
                reason = "owned by no connection since " + since + "; not deleted: this pass deleted its maximum of "
                        + settings.maxDeletesPerPass() + " already";
            } else {
                deletes++;
                verdict = Verdict.DELETE;
                reason = "owned by no connection since " + since + ", longer than the grace of " + settings.grace();
            }
            decisions.add(new Decision(location, view.endpointId(), view.connectionId(), verdict, reason));
        }
        unknownSince.keySet().removeIf(key -> key.startsWith(location + "/") && !stillUnknown.contains(key));
        return decisions;
    }
}
