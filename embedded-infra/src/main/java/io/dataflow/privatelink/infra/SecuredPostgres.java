package io.dataflow.privatelink.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Test equipment: a PostgreSQL server that accepts TCP clients over TLS only (every {@code pg_hba.conf} line is
 * {@code hostssl}), as a managed database set to require it does; its certificate is a {@link TestCertificate}.
 * {@link #datasourceSettings} are the settings a service needs to reach it with the server's certificate
 * verified, nothing else.
 */
public final class SecuredPostgres implements AutoCloseable {

    private final EmbeddedPostgresServer server;
    private final TestCertificate certificate;

    private SecuredPostgres(EmbeddedPostgresServer server, TestCertificate certificate) {
        this.server = server;
        this.certificate = certificate;
    }

    public static SecuredPostgres start(Path dir) {
        try {
            Files.createDirectories(dir);
            TestCertificate certificate = TestCertificate.in(dir.resolve("tls"));
            Path hba = dir.resolve("pg_hba.conf");
            Files.writeString(hba, """
                    # TLS only: a plaintext TCP client matches no line and is refused
                    hostssl all all 127.0.0.1/32 trust
                    hostssl all all ::1/128 trust
                    """);
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0, Map.of(
                    "ssl", "on",
                    "ssl_cert_file", certificate.certificate().toString(),
                    "ssl_key_file", certificate.privateKey().toString(),
                    "hba_file", hba.toString()));
            return new SecuredPostgres(server, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The datasource settings (Quarkus names) of a service using {@code database} on this server. */
    public Map<String, String> datasourceSettings(String database) {
        server.createDatabaseIfAbsent(database);
        String ca = certificate.certificate().toString();
        return Map.of(
                "quarkus.datasource.reactive.url", server.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database) + "?sslmode=verify-full&sslrootcert=" + ca,
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", server.password(),
                "quarkus.datasource.reactive.postgresql.ssl-mode", "verify-full",
                "quarkus.datasource.reactive.trust-certificate-pem", "true",
                "quarkus.datasource.reactive.trust-certificate-pem.certs", ca,
                "quarkus.datasource.reactive.hostname-verification-algorithm", "HTTPS");
    }

    /** A JDBC URL of {@code database} without TLS: for showing that the server refuses it. */
    public String plaintextJdbcUrl(String database) {
        return server.jdbcUrl(database) + "?sslmode=disable";
    }

    public String username() {
        return server.username();
    }

    public String password() {
        return server.password();
    }

    @Override
    public void close() {
        server.close();
    }
}
