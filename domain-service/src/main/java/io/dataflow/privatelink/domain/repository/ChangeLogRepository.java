package io.dataflow.privatelink.domain.repository;

import io.dataflow.privatelink.kit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The change log status subscriptions are served from, in commit order. */
@ApplicationScoped
public class ChangeLogRepository {

    /** Key of the advisory lock that orders change-log commits. */
    static final long CHANGE_LOG_LOCK = 0x636861676c6f67L;

    /** One change: the connection's snapshot after it (JSON), or null when the connection was deleted. */
    public record Change(long seq, String connectionId, String clusterId, String snapshot, Instant changeTime) {
    }

    private final DataSource dataSource;

    ChangeLogRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Appends a change. The lock is held until the projection's transaction commits, so changes commit
     * in seq order and a reader that has seen seq N never later finds an N-1 appear.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String connectionId, String clusterId, String snapshot, Instant changeTime) {
        Jdbc.query(dataSource, rs -> true, "SELECT pg_advisory_xact_lock(?)", CHANGE_LOG_LOCK);
        Jdbc.update(dataSource, "INSERT INTO connection_change (connection_id, cluster_id, snapshot, change_time) "
                + "VALUES (?, ?, ?, ?)", connectionId, clusterId, snapshot, changeTime);
    }

    /** The connection's latest logged snapshot (null once deleted); empty when it has none. */
    public Optional<Change> latest(String connectionId) {
        return query("SELECT * FROM connection_change WHERE connection_id = ? ORDER BY seq DESC LIMIT 1",
                connectionId).stream().findFirst();
    }

    /** Changes after {@code afterSeq}, oldest first; {@code clusterId} and {@code connectionId} filter when given. */
    public List<Change> after(long afterSeq, String clusterId, String connectionId, int limit) {
        return query("""
                        SELECT * FROM connection_change WHERE seq > ?
                          AND (?::text IS NULL OR cluster_id = ?::text)
                          AND (?::text IS NULL OR connection_id = ?::text)
                        ORDER BY seq LIMIT ?""",
                afterSeq, clusterId, clusterId, connectionId, connectionId, limit);
    }

    /** Each connection's latest change at {@code seq} or before, if it is not a deletion; in seq order. */
    public List<Change> currentAt(long seq, String clusterId, String connectionId) {
        return query("""
                        SELECT * FROM (
                          SELECT DISTINCT ON (connection_id) * FROM connection_change
                          WHERE seq <= ? AND cluster_id = ? AND (?::text IS NULL OR connection_id = ?::text)
                          ORDER BY connection_id, seq DESC) latest
                        WHERE snapshot IS NOT NULL ORDER BY seq""",
                seq, clusterId, connectionId, connectionId);
    }

    public long lastSeq() {
        return Jdbc.query(dataSource, rs -> rs.getLong(1), "SELECT COALESCE(max(seq), 0) FROM connection_change")
                .get(0);
    }

    /** Drops changes older than {@code cutoff} (a subscriber further behind starts from the current state). */
    @Transactional
    public int purgeBefore(Instant cutoff) {
        return Jdbc.update(dataSource, "DELETE FROM connection_change WHERE change_time < ?", cutoff);
    }

    private List<Change> query(String sql, Object... parameters) {
        return Jdbc.query(dataSource, rs -> new Change(rs.getLong("seq"), rs.getString("connection_id"),
                rs.getString("cluster_id"), rs.getString("snapshot"), Jdbc.instant(rs, "change_time")), sql, parameters);
    }
}
