package io.dataflow.privatelink.domain.rebuild;

import io.dataflow.privatelink.kit.jdbc.Jdbc;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares two copies of the read models, table by table, on what readers see. Columns that record
 * when this copy happened to process an event, not what the events say, are left out (sequence
 * numbers; update times, which depend on which of the two topics was read first).
 */
public final class ReadModelComparison {

    /** Table → the columns compared (as a multiset of rows). */
    static final Map<String, String> COMPARED = Map.of(
            "connection_view", "connection_id, cluster_id, display_name, type, service_name, service_region, state, "
                    + "message, endpoint_id, az_ids, created_by, create_time, deletion_requested, deleted",
            "connection_history", "connection_id, state, message, change_time",
            "attachment_view", "attach_domain_id, connection_id, cluster_id, connection_type, domain_type, unique_name, "
                    + "zone_name, records, state, domains, created_by, create_time, detach_requested, deleted",
            "domain_route", "name, attach_domain_id, connection_id, cluster_id");

    private ReadModelComparison() {
    }

    /** Rows in one schema and not the other, per table, as readable lines; empty when the copies are equal. */
    public static List<String> differences(DataSource dataSource, String liveSchema, String rebuiltSchema) {
        List<String> differences = new ArrayList<>();
        COMPARED.forEach((table, columns) -> {
            differences.addAll(rowsOnlyIn(dataSource, table, columns, liveSchema, rebuiltSchema));
            differences.addAll(rowsOnlyIn(dataSource, table, columns, rebuiltSchema, liveSchema));
        });
        return differences;
    }

    private static List<String> rowsOnlyIn(DataSource dataSource, String table, String columns, String in,
                                           String notIn) {
        String sql = "(SELECT " + columns + " FROM " + in + "." + table + " EXCEPT ALL SELECT " + columns + " FROM "
                + notIn + "." + table + ") LIMIT 20";
        return Jdbc.query(dataSource, rs -> {
            StringBuilder row = new StringBuilder(table + " only in " + in + ":");
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(' ').append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i));
            }
            return row.toString();
        }, sql);
    }
}
