package io.dataflow.privatelink.deploy.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.privatelink.infra.EmbeddedPostgresServer;
import io.dataflow.privatelink.infra.SharedInfra;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The audit trail's export path: JSON lines in seq order, resumable from the last seq written. */
class AuditExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordsAreWrittenInOrderAndASecondRunResumesAfterTheLast() throws Exception {
        EmbeddedPostgresServer postgres = SharedInfra.postgres();
        String url = postgres.createDatabaseIfAbsent("audit_export_test");
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password());
             Statement sql = connection.createStatement()) {
            // the table as connection-service's migration V4 makes it
            sql.execute("""
                    CREATE TABLE IF NOT EXISTS audit_record (seq BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL,
                      subject TEXT, action TEXT NOT NULL, cluster_id TEXT, target TEXT, outcome TEXT NOT NULL,
                      http_status INT NOT NULL, code INT, message TEXT)""");
            sql.execute("TRUNCATE audit_record");
            sql.execute("""
                    INSERT INTO audit_record (at, subject, action, cluster_id, target, outcome, http_status, code, message)
                    VALUES (now(), 'alice', 'POST /v1beta1/clusters/{clusterId}/privateLinkConnections', '1001', null,
                            'ACCEPTED', 200, null, null),
                           (now(), 'victor', 'DELETE …/{privateLinkConnectionId}', '1001', 'plc-1', 'REFUSED', 403, 7,
                            'Your role in project p is viewer'),
                           (now(), 'alice', 'POST …:attachDomains', '1001', 'plc-1', 'ACCEPTED', 200, null, null)""");

            ByteArrayOutputStream first = new ByteArrayOutputStream();
            long last = AuditExport.export(connection, 0, 2, new PrintStream(first, true, StandardCharsets.UTF_8));
            List<JsonNode> firstLines = lines(first);
            assertEquals(List.of("alice", "victor"), firstLines.stream().map(l -> l.get("subject").asText()).toList());
            assertEquals(7, firstLines.get(1).get("code").asInt());
            assertEquals(firstLines.get(1).get("seq").asLong(), last);

            ByteArrayOutputStream second = new ByteArrayOutputStream();
            AuditExport.export(connection, last, 100, new PrintStream(second, true, StandardCharsets.UTF_8));
            List<JsonNode> secondLines = lines(second);
            assertEquals(1, secondLines.size(), "only what came after the last seq written");
            assertEquals("POST …:attachDomains", secondLines.get(0).get("action").asText());
        }
    }

    private static List<JsonNode> lines(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new IllegalStateException(line, e);
            }
        }).toList();
    }
}
