package io.dataflow.privatelink.domain.repository;

import io.dataflow.privatelink.kit.persistence.JsonColumn;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The columns of {@code connection_view}, defined once and in order: each with how a row's value becomes
 * text and how that text becomes the column's type again. Rows travel as one text array per column, so a
 * batch's rows are written by one {@code UPDATE … FROM unnest(…)} or {@code INSERT … SELECT … FROM unnest(…)}
 * whatever their number; the statements' column lists are made from this list, and a test compares it with
 * the table's columns.
 */
final class ViewColumns {

    /** One column: its name, the SQL that reads it from the row source {@code r}, and a row's value as text. */
    record Column(String name, String fromRow, boolean updatable, Function<ConnectionViewEntity, String> value) {
    }

    static final List<Column> COLUMNS = List.of(
            key("connection_id", v -> v.connectionId),
            text("display_name", v -> v.displayName),
            number("display_name_version", v -> v.displayNameVersion),
            text("type", v -> v.type == null ? null : v.type.name()),
            text("service_name", v -> v.serviceName),
            text("service_region", v -> v.serviceRegion),
            text("created_by", v -> v.createdBy),
            time("create_time", v -> v.createTime),
            time("deletion_requested_at", v -> v.deletionRequestedAt),
            text("deletion_requested_by", v -> v.deletionRequestedBy),
            number("worker_version", v -> v.workerVersion),
            time("worker_time", v -> v.workerTime),
            text("worker_event_id", v -> v.workerEventId),
            text("worker_state", v -> v.workerState == null ? null : v.workerState.name()),
            text("worker_message", v -> v.workerMessage),
            text("worker_failure_reason", v -> v.workerFailureReason == null ? null : v.workerFailureReason.name()),
            time("worker_acceptance_deadline", v -> v.workerAcceptanceDeadline),
            text("endpoint_id", v -> v.endpointId),
            // comma-separated (zone ids have no commas); null for none known, empty for an empty list
            new Column("az_ids", "string_to_array(r.az_ids, ',')", true, v -> joined(v.azIds)),
            new Column("connectivity_test", "CAST(r.connectivity_test AS jsonb)", true,
                    v -> JsonColumn.write(v.connectivityTest)),
            time("deleted_at", v -> v.deletedAt),
            text("state", v -> v.state.name()),
            text("message", v -> v.message),
            time("update_time", v -> v.updateTime),
            text("last_snapshot", v -> v.lastSnapshot),
            number("last_change_seq", v -> v.lastChangeSeq),
            key("cluster_id", v -> v.clusterId));

    /** The arrays of {@link #arrays} as the row source {@code r}, one column each, in order. */
    static final String UNNEST = " unnest("
            + IntStream.rangeClosed(1, COLUMNS.size()).mapToObj(i -> "CAST(?" + i + " AS text[])")
                    .collect(Collectors.joining(", "))
            + ") AS r(" + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")) + ") ";

    /** {@code name, …} of every column, for an INSERT. */
    static final String NAMES = COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));

    /** Every column read from {@code r}, in order, for the INSERT's SELECT. */
    static final String FROM_ROW = COLUMNS.stream().map(Column::fromRow).collect(Collectors.joining(", "));

    /** {@code name = r…} for every column but the keys, for an UPDATE. */
    static final String ASSIGNMENTS = COLUMNS.stream().filter(Column::updatable)
            .map(c -> c.name() + " = " + c.fromRow()).collect(Collectors.joining(", "));

    private ViewColumns() {
    }

    /** The rows as one text array per column, in the order of {@link #COLUMNS}. */
    static String[][] arrays(Collection<ConnectionViewEntity> rows) {
        String[][] arrays = new String[COLUMNS.size()][rows.size()];
        int i = 0;
        for (ConnectionViewEntity row : rows) {
            for (int c = 0; c < COLUMNS.size(); c++) {
                arrays[c][i] = COLUMNS.get(c).value().apply(row);
            }
            i++;
        }
        return arrays;
    }

    private static Column key(String name, Function<ConnectionViewEntity, String> value) {
        return new Column(name, "r." + name, false, value);
    }

    private static Column text(String name, Function<ConnectionViewEntity, String> value) {
        return new Column(name, "r." + name, true, value);
    }

    private static Column time(String name, Function<ConnectionViewEntity, Instant> value) {
        return new Column(name, "CAST(r." + name + " AS timestamptz)", true, v -> {
            Instant time = value.apply(v);
            return time == null ? null : time.toString();
        });
    }

    private static Column number(String name, Function<ConnectionViewEntity, Long> value) {
        return new Column(name, "CAST(r." + name + " AS bigint)", true, v -> Long.toString(value.apply(v)));
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
