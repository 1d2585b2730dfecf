package io.dataflow.privatelink.kit.db;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LISTEN connection is made with the datasource's TLS settings, not plaintext beside a TLS pool. */
class ListenOptionsTest {

    @Test
    void theDatasourcesTlsSettingsApplyToTheListenConnection() {
        PgConnectOptions options = DatabaseNotifications.listenOptions("postgresql://db.internal:5432/connection_service",
                Optional.of("svc"), Optional.of("pw"), Optional.of("verify-full"), Optional.empty(),
                Optional.of(List.of("/etc/plc/db-ca.pem")), Optional.of("HTTPS"));

        assertEquals(SslMode.VERIFY_FULL, options.getSslMode());
        assertEquals(List.of("/etc/plc/db-ca.pem"),
                ((PemTrustOptions) options.getTrustOptions()).getCertPaths());
        assertEquals("HTTPS", options.getHostnameVerificationAlgorithm());
        assertEquals("svc", options.getUser());
        assertEquals("db.internal", options.getHost());
    }

    @Test
    void anSslModeInTheUrlIsKeptAndTrustAllApplies() {
        PgConnectOptions options = DatabaseNotifications.listenOptions(
                "postgresql://db.internal:5432/connection_service?sslmode=require", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(true), Optional.empty(), Optional.empty());

        assertEquals(SslMode.REQUIRE, options.getSslMode());
        assertTrue(options.isTrustAll());
    }
}
