package io.dataflow.privatelink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDir;

    @Test
    void runsSqlAndKeepsDataAcrossRestart() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir, 0)) {
            System.out.printf("PostgreSQL start with initdb: %d ms%n", postgres.startupTime().toMillis());
            String url = postgres.createDatabaseIfAbsent("orders");
            assertEquals(url, postgres.createDatabaseIfAbsent("orders"), "idempotent");
            try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password());
                 Statement sql = connection.createStatement()) {
                assertTrue(queryString(sql, "SHOW server_version").startsWith("17."));
                sql.execute("CREATE TABLE orders (id text PRIMARY KEY, state text NOT NULL)");
                sql.execute("INSERT INTO orders VALUES ('order-1', 'CREATED')");
            }
        }

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir, 0)) {
            System.out.printf("PostgreSQL restart on existing data: %d ms%n", postgres.startupTime().toMillis());
            String url = postgres.createDatabaseIfAbsent("orders");
            try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password());
                 Statement sql = connection.createStatement()) {
                assertEquals("CREATED", queryString(sql, "SELECT state FROM orders WHERE id = 'order-1'"));
            }
        }
    }

    @Test
    void anAcknowledgedCommitIsDurableAndSurvivesACrash() throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir, 0)) {
            String url = postgres.createDatabaseIfAbsent("ledger");
            try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password());
                 Statement sql = connection.createStatement()) {
                // What production runs with: a commit is acknowledged once it is on disk.
                assertEquals("on", queryString(sql, "SHOW fsync"));
                assertEquals("on", queryString(sql, "SHOW synchronous_commit"));
                assertEquals("on", queryString(sql, "SHOW full_page_writes"));
                sql.execute("CREATE TABLE ledger (id int PRIMARY KEY)");
                sql.execute("INSERT INTO ledger VALUES (1)");
            }
            postgres.kill();
            postgres.startAgain();
            try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password());
                 Statement sql = connection.createStatement()) {
                assertEquals("1", queryString(sql, "SELECT id FROM ledger"), "the commit acknowledged before the crash");
            }
        }
    }

    static String queryString(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertTrue(rows.next(), "a row for " + query);
            return rows.getString(1);
        }
    }
}
