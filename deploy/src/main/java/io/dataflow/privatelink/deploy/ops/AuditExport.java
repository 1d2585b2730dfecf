package io.dataflow.privatelink.deploy.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Writes connection-service's audit records after a sequence number as JSON lines, in order
 * ({@code deploy/ops/export-audit}): the export path for an audit trail that is kept only
 * {@code plc.audit.retention} in the database. Resumable: it ends with the last {@code seq} written, which the
 * next run takes as {@code --after-seq}; run it more often than the retention and nothing is lost.
 */
public final class AuditExport {

    static final String USAGE = """
            Usage: deploy/ops/export-audit --jdbc-url jdbc:postgresql://host:5432/connection_service --user USER
                   [--after-seq N] [--limit N]
              Writes the audit records with seq > N (default 0) as JSON lines to standard output, oldest first;
              the password comes from PLC_AUDIT_EXPORT_PASSWORD. The last line on standard error names the last
              seq written: the next run's --after-seq.
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditExport() {
    }

    public static void main(String[] args) throws SQLException {
        String url = null;
        String user = null;
        long afterSeq = 0;
        int limit = Integer.MAX_VALUE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jdbc-url" -> url = args[++i];
                case "--user" -> user = args[++i];
                case "--after-seq" -> afterSeq = Long.parseLong(args[++i]);
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        if (url == null || user == null) {
            usage("--jdbc-url and --user are required");
        }
        String password = System.getenv().getOrDefault("PLC_AUDIT_EXPORT_PASSWORD", "");
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            long last = export(connection, afterSeq, limit, System.out);
            System.err.println("last seq written: " + last + " (next run: --after-seq " + last + ")");
        }
    }

    /** Writes the records after {@code afterSeq} (at most {@code limit}); returns the last seq written. */
    static long export(Connection connection, long afterSeq, int limit, PrintStream out) throws SQLException {
        long last = afterSeq;
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT seq, at, subject, action, cluster_id, target, outcome, http_status, code, message
                FROM audit_record WHERE seq > ? ORDER BY seq LIMIT ?""")) {
            query.setLong(1, afterSeq);
            query.setInt(2, limit);
            query.setFetchSize(1000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ObjectNode line = JSON.createObjectNode();
                    last = rows.getLong("seq");
                    line.put("seq", last);
                    Timestamp at = rows.getTimestamp("at");
                    line.put("at", at.toInstant().toString());
                    line.put("subject", rows.getString("subject"));
                    line.put("action", rows.getString("action"));
                    line.put("clusterId", rows.getString("cluster_id"));
                    line.put("target", rows.getString("target"));
                    line.put("outcome", rows.getString("outcome"));
                    line.put("httpStatus", rows.getInt("http_status"));
                    int code = rows.getInt("code");
                    if (!rows.wasNull()) {
                        line.put("code", code);
                    }
                    line.put("message", rows.getString("message"));
                    out.println(line);
                }
            }
        }
        out.flush();
        return last;
    }

    private static void usage(String problem) {
        System.err.println("export-audit: " + problem);
        System.err.print(USAGE);
        System.exit(2);
    }
}
