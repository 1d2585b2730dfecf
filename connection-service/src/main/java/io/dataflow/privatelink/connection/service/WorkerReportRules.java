package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.repository.AttachedDomainEntity;
import io.dataflow.privatelink.connection.repository.ConnectionEntity;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionStateMachine;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import io.dataflow.privatelink.contract.event.ReportStamp;

/**
 * How a worker's report changes the aggregate, as pure functions of the row ({@link WorkerStateFollower}
 * applies them under the connection's lock): a report is taken only if it supersedes the last one taken
 * ({@link ReportStamp}, the rule domain-service's read model follows too), and a deletion or detach already
 * asked for absorbs its state (the state machines' {@code afterReport}).
 */
final class WorkerReportRules {

    private WorkerReportRules() {
    }

    /** Takes the report into the row; false when it is not newer than the one last taken (nothing changes). */
    static boolean take(ConnectionEntity row, ConnectionStateChanged report, String eventId) {
        ReportStamp stamp = new ReportStamp(report.version(), report.changeTime(), eventId);
        if (!stamp.supersedes(new ReportStamp(row.workerVersion, row.workerTime, row.workerEventId))) {
            return false;
        }
        row.workerVersion = stamp.version();
        row.workerTime = stamp.time();
        row.workerEventId = stamp.eventId();
        ConnectionState shown = ConnectionStateMachine.afterReport(row.state, report.state());
        if (shown == report.state()) {
            row.message = report.message();
        }
        row.state = shown;
        row.endpointId = report.endpointId();
        row.azIds = report.availabilityZoneIds();
        row.updateTime = report.changeTime();
        return true;
    }

    /** Likewise for an attachment; an attachment being detached keeps its state and domains. */
    static boolean take(AttachedDomainEntity row, DomainStateChanged report, String eventId) {
        ReportStamp stamp = new ReportStamp(report.version(), report.changeTime(), eventId);
        if (!stamp.supersedes(new ReportStamp(row.workerVersion, row.workerTime, row.workerEventId))) {
            return false;
        }
        row.workerVersion = stamp.version();
        row.workerTime = stamp.time();
        row.workerEventId = stamp.eventId();
        DomainState shown = DomainState.afterReport(row.state, report.state());
        if (shown == report.state()) {
            row.state = shown;
            row.domains = report.domains();
            row.updateTime = report.changeTime();
        }
        return true;
    }
}
