package io.dataflow.privatelink.domain.rebuild;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two copies of the read models, table by table, as multisets of rows. Every column counts but
 * sequence numbers of the change log (which copy happened to append first); the published snapshot is
 * compared too, so equal copies also mean equal integration snapshots.
 */
public final class ReadModelComparison {

    /** Table → the columns compared. */
    static final Map<String, String> COMPARED = new LinkedHashMap<>();

    static {
        COMPARED.put("connection_view", "connection_id, cluster_id, display_name, display_name_version, type, "
                + "service_name, service_region, "
                + "created_by, create_time, deletion_requested_at, deletion_requested_by, worker_version, worker_time, "
                + "worker_event_id, worker_state, worker_message, worker_failure_reason, worker_acceptance_deadline, "
                + "endpoint_id, az_ids, connectivity_test, deleted_at, state, message, update_time, last_snapshot");
        COMPARED.put("connection_history", "event_id, connection_id, state, message, change_time, failure_reason, "
                + "connectivity_test_id");
        COMPARED.put("attachment_view", "attach_domain_id, connection_id, cluster_id, connection_type, domain_type, "
                + "unique_name, zone_name, records, created_by, create_time, detach_requested_at, worker_version, "
                + "worker_time, worker_event_id, worker_state, worker_domains, detached_at, state, domains");
        COMPARED.put("domain_route", "name, attach_domain_id, connection_id, cluster_id");
    }

    private ReadModelComparison() {
    }

    /** Rows in one schema and not the other, per table, as readable lines; empty when the copies are equal. */
    public static Uni<List<String>> differences(String liveSchema, String rebuiltSchema) {
        List<Uni<List<String>>> checks = new ArrayList<>();
        COMPARED.forEach((table, columns) -> {
            checks.add(rowsOnlyIn(table, columns, liveSchema, rebuiltSchema));
            checks.add(rowsOnlyIn(table, columns, rebuiltSchema, liveSchema));
        });
        return Multi.createFrom().iterable(checks).onItem().transformToUniAndConcatenate(u -> u)
                .collect().in(ArrayList::new, List::addAll);
    }

    @SuppressWarnings("unchecked")
    private static Uni<List<String>> rowsOnlyIn(String table, String columns, String in, String notIn) {
        String sql = "SELECT CAST(ROW(" + columns + ") AS text) FROM (SELECT " + columns + " FROM " + in + "." + table
                + " EXCEPT ALL SELECT " + columns + " FROM " + notIn + "." + table + ") d LIMIT 20";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql).getResultList())
                .map(rows -> rows.stream().map(row -> table + " only in " + in + ": (" + columns + ") = " + row)
                        .toList());
    }
}
