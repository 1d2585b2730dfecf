package io.dataflow.privatelink.domain.projection;

import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionStateMachine;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.ConnectivityTest;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.domains.DomainPlan;
import io.dataflow.privatelink.contract.domains.DomainRecord;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRenamed;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.ConnectivityTestCompleted;
import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.DomainDetachRequested;
import io.dataflow.privatelink.contract.event.DomainDetached;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.contract.event.EventPayload;
import io.dataflow.privatelink.contract.event.ReportStamp;
import io.dataflow.privatelink.domain.projection.ProjectionEffects.HistoryEntry;
import io.dataflow.privatelink.domain.projection.ProjectionEffects.Route;
import io.dataflow.privatelink.domain.projection.ProjectionEffects.SnapshotChange;
import io.dataflow.privatelink.domain.repository.AttachmentViewEntity;
import io.dataflow.privatelink.domain.repository.ConnectionViewEntity;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How events become the read model, as pure functions of rows in memory, so that the result is a function
 * of the log: the same events give the same rows in whatever order the two topics interleave (each
 * topic's own order kept or not). The rules that make it so:
 * <ul>
 *   <li>each producer's facts go to columns of their own, and what readers see is derived from all of
 *       them by {@link #derive};</li>
 *   <li>what the request side says is set once: the request itself, and the earliest deletion or detach
 *       request (a second one changes nothing);</li>
 *   <li>a worker's report replaces the previous one only if it {@link ReportStamp#supersedes} it;</li>
 *   <li>terminal facts absorb: once deleted (or detached) nothing brings a connection (or attachment)
 *       back, and once a deletion is asked the state is DELETING whatever the workers said before;</li>
 *   <li>of a connection's connectivity tests the last one by {@link LastConnectivityTest} is kept (none once it is
 *       deleted), and a finished test is a history entry without a state of its own ({@link HistoryTimeline});</li>
 *   <li>the update time is the latest time of any of the connection's events;</li>
 *   <li>history holds one entry per event that names a state, ordered by time (then event id).</li>
 * </ul>
 */
public final class ReadModelRules {

    private ReadModelRules() {
    }

    /** A new, empty row for a connection whose first event (of either topic) is being projected. */
    public static ConnectionViewEntity newView(String connectionId, String clusterId) {
        ConnectionViewEntity view = new ConnectionViewEntity();
        view.connectionId = connectionId;
        view.clusterId = clusterId;
        view.state = ConnectionState.CREATING;
        return view;
    }

    /**
     * Applies one event to its connection, then derives what readers see and records a change when that
     * differs from the snapshot last published.
     */
    public static void apply(ProjectedConnection connection, CloudEvent event, EventPayload payload,
                             ProjectionEffects effects) {
        ConnectionViewEntity view = connection.view();
        if (payload instanceof ConnectionRequested r) {
            if (r.version() >= view.displayNameVersion) { // a rename seen first keeps its (later) name
                view.displayName = r.displayName();
                view.displayNameVersion = r.version();
            }
            if (view.type == null) {
                view.type = r.type();
                view.serviceName = r.endpointServiceName();
                view.serviceRegion = r.endpointServiceRegion();
                view.createdBy = r.createdBy();
                view.createTime = r.createTime();
            }
            effects.history.add(new HistoryEntry(event.id(), r.connectionId(), ConnectionState.CREATING, null,
                    r.createTime(), null));
            touch(view, r.createTime());
        } else if (payload instanceof ConnectionRenamed n) {
            if (n.version() > view.displayNameVersion) {
                view.displayName = n.displayName();
                view.displayNameVersion = n.version();
            }
            touch(view, n.renameTime());
        } else if (payload instanceof ConnectionDeletionRequested d) {
            if (view.deletionRequestedAt == null || earlier(d.requestTime(), d.requestedBy(),
                    view.deletionRequestedAt, view.deletionRequestedBy)) {
                view.deletionRequestedAt = d.requestTime();
                view.deletionRequestedBy = d.requestedBy();
            }
            effects.history.add(new HistoryEntry(event.id(), d.connectionId(), ConnectionState.DELETING,
                    "deletion requested by " + d.requestedBy(), d.requestTime(), null));
            touch(view, d.requestTime());
        } else if (payload instanceof ConnectionStateChanged c) {
            if (new ReportStamp(c.version(), c.changeTime(), event.id()).supersedes(
                    new ReportStamp(view.workerVersion, view.workerTime, view.workerEventId))) {
                view.workerVersion = c.version();
                view.workerTime = c.changeTime();
                view.workerEventId = event.id();
                view.workerState = c.state();
                view.workerMessage = c.message();
                view.workerFailureReason = c.failureReason();
                view.workerAcceptanceDeadline = c.acceptanceDeadline();
                view.endpointId = c.endpointId();
                view.azIds = c.availabilityZoneIds() == null ? null : List.copyOf(c.availabilityZoneIds());
            }
            effects.history.add(new HistoryEntry(event.id(), c.connectionId(), c.state(), c.message(),
                    c.changeTime(), c.state() == ConnectionState.FAILED ? c.failureReason() : null));
            touch(view, c.changeTime());
        } else if (payload instanceof ConnectionDeleted x) {
            if (view.deletedAt == null || x.deleteTime().isBefore(view.deletedAt)) {
                view.deletedAt = x.deleteTime();
            }
            view.connectivityTest = null; // a deleted connection keeps no test, whenever its events came
            touch(view, x.deleteTime());
        } else if (payload instanceof ConnectivityTestRequested t) {
            keepConnectivityTest(view, t.running());
            touch(view, t.requestTime());
        } else if (payload instanceof ConnectivityTestCompleted t) {
            ConnectivityTest test = t.test();
            keepConnectivityTest(view, test);
            if (LastConnectivityTest.isDone(test)) {
                effects.history.add(HistoryEntry.connectivityTest(event.id(), t.connectionId(),
                        ConnectivityTestHistory.message(test), test.completeTime(), test.testId()));
            }
            touch(view, test.completeTime());
        } else if (payload instanceof DomainAttachRequested a) {
            AttachmentViewEntity row = attachment(connection, a.attachDomainId(), view, effects);
            if (row.zoneName == null) {
                row.connectionType = a.connectionType();
                row.domainType = a.domainType();
                row.uniqueName = a.uniqueName();
                row.zoneName = a.zoneName();
                row.records = List.copyOf(a.records());
                row.createdBy = a.createdBy();
                row.createTime = a.requestTime();
            }
            touch(view, a.requestTime());
        } else if (payload instanceof DomainDetachRequested d) {
            AttachmentViewEntity row = attachment(connection, d.attachDomainId(), view, effects);
            if (row.detachRequestedAt == null || d.requestTime().isBefore(row.detachRequestedAt)) {
                row.detachRequestedAt = d.requestTime();
            }
            touch(view, d.requestTime());
        } else if (payload instanceof DomainStateChanged s) {
            AttachmentViewEntity row = attachment(connection, s.attachDomainId(), view, effects);
            if (new ReportStamp(s.version(), s.changeTime(), event.id()).supersedes(
                    new ReportStamp(row.workerVersion, row.workerTime, row.workerEventId))) {
                row.workerVersion = s.version();
                row.workerTime = s.changeTime();
                row.workerEventId = event.id();
                row.workerState = s.state();
                row.workerDomains = List.copyOf(s.domains());
            }
            touch(view, s.changeTime());
        } else if (payload instanceof DomainDetached x) {
            AttachmentViewEntity row = attachment(connection, x.attachDomainId(), view, effects);
            if (row.detachedAt == null || x.detachTime().isBefore(row.detachedAt)) {
                row.detachedAt = x.detachTime();
            }
            touch(view, x.detachTime());
        } else {
            return;
        }
        derive(connection);
        recordChange(connection, effects);
    }

    /** What readers see, from what the producers said. */
    public static void derive(ProjectedConnection connection) {
        ConnectionViewEntity view = connection.view();
        boolean deleting = view.deletionRequestedAt != null || view.deletedAt != null;
        view.state = ConnectionStateMachine.afterReport(deleting ? ConnectionState.DELETING : ConnectionState.CREATING,
                view.workerState != null ? view.workerState : ConnectionState.CREATING);
        view.message = deleting ? null : view.workerState != null ? view.workerMessage : null;
        for (AttachmentViewEntity a : connection.attachments()) {
            boolean detaching = deleting || a.detachRequestedAt != null || a.detachedAt != null;
            a.state = DomainState.afterReport(detaching ? DomainState.DELETING : DomainState.CREATING,
                    a.workerState != null ? a.workerState : DomainState.CREATING);
            if (a.zoneName == null) {
                a.domains = null;
            } else if (detaching) {
                a.domains = planned(a, DomainState.DELETING);
            } else if (a.workerDomains != null) {
                a.domains = a.workerDomains;
            } else {
                a.domains = planned(a, DomainState.CREATING);
            }
        }
    }

    /**
     * An attachment is shown, and routes its names, once its request is projected and until it or its
     * connection is gone.
     */
    public static boolean isShown(ConnectionViewEntity view, AttachmentViewEntity a) {
        return a.zoneName != null && a.detachedAt == null && view.deletedAt == null;
    }

    static boolean isShown(ProjectedConnection connection, AttachmentViewEntity a) {
        return isShown(connection.view(), a);
    }

    /** The routing-table rows to add and remove so that it holds the names of the shown attachments. */
    public static void settleRoutes(ProjectedConnection connection, ProjectionEffects effects) {
        for (AttachmentViewEntity a : connection.attachments()) {
            boolean now = isShown(connection, a);
            boolean before = connection.wasRouted(a.attachDomainId);
            if (now && !before) {
                for (DomainRecord record : a.records) {
                    effects.routesAdded.add(new Route(record.name(), a.attachDomainId, a.connectionId, a.clusterId));
                }
            } else if (!now && before) {
                effects.routesRemovedOf.add(a.attachDomainId);
            }
        }
    }

    /** The connection as the get operation shows it, attached domains included; null when not shown. */
    public static PrivateLinkConnection snapshot(ProjectedConnection connection) {
        ConnectionViewEntity v = connection.view();
        if (!v.isVisible()) {
            return null;
        }
        List<AttachDomain> domains = connection.attachments().stream()
                .filter(a -> isShown(connection, a))
                .sorted(Comparator.comparing((AttachmentViewEntity a) -> a.createTime)
                        .thenComparing(a -> a.attachDomainId))
                .map(ReadModelRules::toApi)
                .toList();
        return asGetShowsIt(v, domains);
    }

    /** The connection as get shows it (and status streams push it): attached domains and last connectivity test. */
    public static PrivateLinkConnection asGetShowsIt(ConnectionViewEntity v, List<AttachDomain> shownDomains) {
        return toSnapshot(v).toApi().withAttachedDomains(shownDomains).withConnectivityTest(v.connectivityTest);
    }

    /** The reason and deadline are shown only in the state they belong to (a deletion absorbs both). */
    public static ConnectionSnapshot toSnapshot(ConnectionViewEntity v) {
        return new ConnectionSnapshot(v.connectionId, v.clusterId, v.displayName, v.type, v.serviceName,
                v.serviceRegion, v.state, v.message, v.endpointId, v.azIds, v.createdBy, v.createTime, v.updateTime,
                v.state == ConnectionState.FAILED ? v.workerFailureReason : null,
                v.state == ConnectionState.PENDING_ACCEPTANCE ? v.workerAcceptanceDeadline : null);
    }

    public static AttachDomain toApi(AttachmentViewEntity a) {
        return new AttachDomain(a.attachDomainId, a.clusterId, a.connectionId, a.domainType.name(), a.uniqueName,
                a.domains, a.createdBy, a.createTime);
    }

    /**
     * A change is recorded when the snapshot differs from the one last published: a new snapshot, or its
     * deletion once it had been shown. Nothing for a connection never shown.
     */
    private static void recordChange(ProjectedConnection connection, ProjectionEffects effects) {
        ConnectionViewEntity view = connection.view();
        PrivateLinkConnection snapshot = snapshot(connection);
        String json = snapshot == null ? null : EventJson.write(snapshot);
        if (Objects.equals(json, view.lastSnapshot)) {
            return;
        }
        view.lastSnapshot = json;
        effects.changes.add(new SnapshotChange(view.connectionId, view.clusterId, json, view.updateTime));
    }

    private static AttachmentViewEntity attachment(ProjectedConnection connection, String attachDomainId,
                                                   ConnectionViewEntity view, ProjectionEffects effects) {
        AttachmentViewEntity row = connection.attachment(attachDomainId);
        if (row == null) {
            row = new AttachmentViewEntity();
            row.attachDomainId = attachDomainId;
            row.connectionId = view.connectionId;
            row.clusterId = view.clusterId;
            row.state = DomainState.CREATING;
            connection.add(row);
            effects.newAttachments.add(row);
        }
        return row;
    }

    private static List<Domain> planned(AttachmentViewEntity a, DomainState state) {
        return a.records.stream().map(r -> new Domain(r.name(), state.name(), null)).toList();
    }

    private static void keepConnectivityTest(ConnectionViewEntity view, ConnectivityTest test) {
        if (view.deletedAt == null) {
            view.connectivityTest = LastConnectivityTest.of(view.connectivityTest, test);
        }
    }

    private static void touch(ConnectionViewEntity view, Instant time) {
        if (view.updateTime == null || time.isAfter(view.updateTime)) {
            view.updateTime = time;
        }
    }

    private static boolean earlier(Instant time, String by, Instant knownTime, String knownBy) {
        return time.isBefore(knownTime)
                || (time.equals(knownTime) && String.valueOf(by).compareTo(String.valueOf(knownBy)) < 0);
    }

    /** The plan an attachment's request carried (used by tests). */
    static DomainPlan plan(AttachmentViewEntity a) {
        return new DomainPlan(a.zoneName, a.records);
    }
}
