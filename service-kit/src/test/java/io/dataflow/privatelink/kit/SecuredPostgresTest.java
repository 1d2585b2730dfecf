package io.dataflow.privatelink.kit;

import io.dataflow.privatelink.infra.SecuredPostgresTestResource;
import io.dataflow.privatelink.kit.db.DatabaseNotifications;
import io.dataflow.privatelink.kit.db.NotificationsHealthCheck;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service against a PostgreSQL that accepts TLS only, configured by the {@code quarkus.datasource.*} settings
 * alone (server certificate verified): Flyway (JDBC) migrated, the reactive pool reads and writes, and the
 * LISTEN/NOTIFY connection is made over TLS too; the server refuses a plaintext client.
 */
@QuarkusTest
@TestProfile(SecuredPostgresTest.Secured.class)
class SecuredPostgresTest {

    /** Only the TLS-only database: the other classes' @QuarkusTestResource (plaintext PostgreSQL) would apply too. */
    public static class Secured implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SecuredPostgresTestResource.class, Map.of("database", "kit_tls")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DatabaseNotifications notifications;

    @Inject
    @org.eclipse.microprofile.health.Readiness
    NotificationsHealthCheck notificationsHealth;

    @Test
    void theReactivePoolIsOnTlsAndFlywayMigratedThroughIt() throws Throwable {
        assertEquals(true, query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"));
        assertEquals(true, query("SELECT to_regclass('outbox_event') IS NOT NULL"), "Flyway migrated");
    }

    @Test
    void theListenConnectionIsOnTlsAndNotificationsArrive() throws Throwable {
        AtomicInteger woken = new AtomicInteger();
        notifications.listen("kit_tls_probe", woken::incrementAndGet);
        await().atMost(WAIT).until(notifications::listening);
        int before = woken.get();
        query("SELECT pg_notify('kit_tls_probe', '') IS NULL");
        await().atMost(WAIT).until(() -> woken.get() > before);

        assertEquals(true, query("""
                SELECT bool_and(s.ssl) AND count(*) > 0 FROM pg_stat_activity a JOIN pg_stat_ssl s ON s.pid = a.pid
                WHERE a.query LIKE 'LISTEN%'"""), "every LISTEN backend is on TLS");
        assertEquals("connected", notificationsHealth.call().getData().orElseThrow().get("listen"));
    }

    @Test
    void theServerRefusesAPlaintextClient() {
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                SecuredPostgresTestResource.postgres().plaintextJdbcUrl("kit_tls"),
                SecuredPostgresTestResource.postgres().username(), SecuredPostgresTestResource.postgres().password())
                .close());
        assertTrue(refused.getMessage().contains("no encryption"), refused.getMessage());
    }

    private static Object query(String sql) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(sql).getSingleResult())));
    }
}
