package io.dataflow.privatelink.connection.repository;

import io.dataflow.privatelink.kit.db.ColumnArrays;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * The audit trail's tables: {@code audit_record} (written by {@code security/AuditTrail}) and
 * {@code unauthenticated_request_count} ({@code security/UnauthenticatedRequests}).
 */
@ApplicationScoped
public class AuditRecordRepository implements PanacheRepositoryBase<AuditRecordEntity, Long> {

    /** Inserts the records in one statement, in this order (a group of commands' records in one round trip). */
    public Uni<Void> insertAll(List<AuditRecordEntity> rows) {
        int n = rows.size();
        String[][] columns = new String[9][n];
        for (int i = 0; i < n; i++) {
            AuditRecordEntity row = rows.get(i);
            columns[0][i] = row.at.toString();
            columns[1][i] = row.subject;
            columns[2][i] = row.action;
            columns[3][i] = row.clusterId;
            columns[4][i] = row.target;
            columns[5][i] = row.outcome;
            columns[6][i] = Integer.toString(row.httpStatus);
            columns[7][i] = row.code == null ? null : row.code.toString();
            columns[8][i] = row.message;
        }
        return ColumnArrays.executeUpdate("""
                    INSERT INTO audit_record (at, subject, action, cluster_id, target, outcome, http_status, code, message)
                    SELECT CAST(at AS timestamptz), subject, action, cluster_id, target, outcome,
                           CAST(http_status AS int), CAST(code AS int), message
                    FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]),
                                CAST(?5 AS text[]), CAST(?6 AS text[]), CAST(?7 AS text[]), CAST(?8 AS text[]),
                                CAST(?9 AS text[]))
                         WITH ORDINALITY AS r(at, subject, action, cluster_id, target, outcome, http_status, code,
                                              message, n)
                    ORDER BY n""", columns).replaceWithVoid();
    }

    /** Adds counts of unauthenticated requests: one column each of minutes (ISO instants), sources and counts. */
    public Uni<Integer> addUnauthenticatedCounts(String[] minutes, String[] sources, String[] counts) {
        return ColumnArrays.executeUpdate("""
                INSERT INTO unauthenticated_request_count (minute, source, requests)
                SELECT CAST(minute AS timestamptz), source, CAST(requests AS bigint)
                FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[])) AS r(minute, source, requests)
                ON CONFLICT (minute, source)
                DO UPDATE SET requests = unauthenticated_request_count.requests + EXCLUDED.requests""",
                minutes, sources, counts);
    }

    /** Deletes audit records before {@code recordsCutoff} and counts before {@code countsCutoff}; returns how many. */
    public Uni<Integer> purgeBefore(Instant recordsCutoff, Instant countsCutoff) {
        return getSession().chain(session -> session
                .createNativeQuery("DELETE FROM audit_record WHERE at < ?1").setParameter(1, recordsCutoff)
                .executeUpdate()
                .chain(records -> session.createNativeQuery("DELETE FROM unauthenticated_request_count WHERE minute < ?1")
                        .setParameter(1, countsCutoff).executeUpdate()
                        .map(counts -> records + counts)));
    }
}
