package io.dataflow.privatelink.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JVM killed without shutdown hooks leaves PostgreSQL running; the next start must take over. */
class OrphanedPostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void startStopsAPostmasterLeftBehindByAKilledJvm() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StartPostgresAndWait.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> output.lines()
                            .filter(line -> line.startsWith("READY")).findFirst().orElse("child exited"))
                    .get(120, TimeUnit.SECONDS);
            assertEquals("READY", ready);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, PostgreSQL is orphaned
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("pgdata").resolve("postmaster.pid")).get(0).trim());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "orphaned postmaster running");

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir, 0);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl("crash"), postgres.username(), postgres.password());
             Statement sql = connection.createStatement()) {
            assertEquals("kept", EmbeddedPostgresServerTest.queryString(sql, "SELECT note FROM notes"));
        }
        assertTrue(ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive(), "orphan gone");
    }

    /** Child JVM: starts PostgreSQL, writes a row, then waits to be killed. */
    public static final class StartPostgresAndWait {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
            try (Connection connection = DriverManager.getConnection(postgres.createDatabaseIfAbsent("crash"),
                    postgres.username(), postgres.password());
                 Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE notes (note text)");
                sql.execute("INSERT INTO notes VALUES ('kept')");
            }
            System.out.println("READY");
            System.out.flush();
            System.in.read(); // until killed
        }
    }

}
