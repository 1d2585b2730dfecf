package io.dataflow.privatelink.domain.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Rows of {@code connection_view} as one array per column (text; the statement casts), so that a batch's
 * rows are written by one {@code UPDATE … FROM unnest(…)} or {@code INSERT … SELECT … FROM unnest(…)}
 * whatever their number.
 */
final class ViewColumns {

    /** The arrays of {@link #all()} as a row source {@code r}, one column each, in that order. */
    static final String UNNEST = """
             unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]),
                    CAST(?5 AS text[]), CAST(?6 AS text[]), CAST(?7 AS text[]), CAST(?8 AS text[]),
                    CAST(?9 AS text[]), CAST(?10 AS text[]), CAST(?11 AS text[]), CAST(?12 AS text[]),
                    CAST(?13 AS text[]), CAST(?14 AS text[]), CAST(?15 AS text[]), CAST(?16 AS text[]),
                    CAST(?17 AS text[]), CAST(?18 AS text[]), CAST(?19 AS text[]), CAST(?20 AS text[]),
                    CAST(?21 AS text[]), CAST(?22 AS text[]), CAST(?23 AS text[]))
              AS r(connection_id, display_name, type, service_name, service_region, created_by,
                   create_time, deletion_requested_at, deletion_requested_by, worker_version,
                   worker_time, worker_event_id, worker_state, worker_message, endpoint_id, az_ids,
                   deleted_at, state, message, update_time, last_snapshot, last_change_seq, cluster_id)
            """;

    final String[] connectionId;
    final String[] displayName;
    final String[] type;
    final String[] serviceName;
    final String[] serviceRegion;
    final String[] createdBy;
    final String[] createTime;
    final String[] deletionRequestedAt;
    final String[] deletionRequestedBy;
    final String[] workerVersion;
    final String[] workerTime;
    final String[] workerEventId;
    final String[] workerState;
    final String[] workerMessage;
    final String[] endpointId;
    /** Comma-separated (zone ids have no commas); null for none known, empty for an empty list. */
    final String[] azIds;
    final String[] deletedAt;
    final String[] state;
    final String[] message;
    final String[] updateTime;
    final String[] lastSnapshot;
    final String[] lastChangeSeq;
    final String[] clusterId;

    ViewColumns(Collection<ConnectionViewEntity> rows) {
        int n = rows.size();
        connectionId = new String[n];
        displayName = new String[n];
        type = new String[n];
        serviceName = new String[n];
        serviceRegion = new String[n];
        createdBy = new String[n];
        createTime = new String[n];
        deletionRequestedAt = new String[n];
        deletionRequestedBy = new String[n];
        workerVersion = new String[n];
        workerTime = new String[n];
        workerEventId = new String[n];
        workerState = new String[n];
        workerMessage = new String[n];
        endpointId = new String[n];
        azIds = new String[n];
        deletedAt = new String[n];
        state = new String[n];
        message = new String[n];
        updateTime = new String[n];
        lastSnapshot = new String[n];
        lastChangeSeq = new String[n];
        clusterId = new String[n];
        int i = 0;
        for (ConnectionViewEntity v : rows) {
            connectionId[i] = v.connectionId;
            displayName[i] = v.displayName;
            type[i] = v.type == null ? null : v.type.name();
            serviceName[i] = v.serviceName;
            serviceRegion[i] = v.serviceRegion;
            createdBy[i] = v.createdBy;
            createTime[i] = text(v.createTime);
            deletionRequestedAt[i] = text(v.deletionRequestedAt);
            deletionRequestedBy[i] = v.deletionRequestedBy;
            workerVersion[i] = Long.toString(v.workerVersion);
            workerTime[i] = text(v.workerTime);
            workerEventId[i] = v.workerEventId;
            workerState[i] = v.workerState == null ? null : v.workerState.name();
            workerMessage[i] = v.workerMessage;
            endpointId[i] = v.endpointId;
            azIds[i] = joined(v.azIds);
            deletedAt[i] = text(v.deletedAt);
            state[i] = v.state.name();
            message[i] = v.message;
            updateTime[i] = text(v.updateTime);
            lastSnapshot[i] = v.lastSnapshot;
            lastChangeSeq[i] = Long.toString(v.lastChangeSeq);
            clusterId[i] = v.clusterId;
            i++;
        }
    }

    /** Every column, in the order of {@link #UNNEST}. */
    String[][] all() {
        return new String[][]{connectionId, displayName, type, serviceName, serviceRegion, createdBy, createTime,
                deletionRequestedAt, deletionRequestedBy, workerVersion, workerTime, workerEventId, workerState,
                workerMessage, endpointId, azIds, deletedAt, state, message, updateTime, lastSnapshot, lastChangeSeq,
                clusterId};
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }

    private static String joined(List<String> values) {
        if (values == null) {
            return null;
        }
        if (values.stream().anyMatch(v -> v.indexOf(',') >= 0)) {
            throw new IllegalArgumentException("an availability zone id with a comma: " + values);
        }
        return String.join(",", values);
    }
}
