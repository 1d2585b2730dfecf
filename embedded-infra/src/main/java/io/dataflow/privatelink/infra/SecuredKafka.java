package io.dataflow.privatelink.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test equipment: a Kafka broker whose client listener requires SASL/SCRAM-SHA-512 over TLS, as a managed
 * cluster does. Its certificate ({@link TestCertificate}, for 127.0.0.1) and a SCRAM user are set up
 * here; {@link #clientSettings()} are the client properties a service needs to reach it, nothing else. The
 * broker's plaintext listener stays for the test's own set-up and checks ({@link #plaintextBootstrapServers()}).
 */
public final class SecuredKafka implements AutoCloseable {

    public static final String USER = "plc-service";
    private static final String PASSWORD = "scram-secret-of-the-tests";

    private final EmbeddedKafka kafka;
    private final Path trustedCertificate;

    private SecuredKafka(EmbeddedKafka kafka, Path trustedCertificate) {
        this.kafka = kafka;
        this.trustedCertificate = trustedCertificate;
    }

    public static SecuredKafka start(Path dir) {
        try {
            Files.createDirectories(dir);
            TestCertificate certificate = TestCertificate.in(dir.resolve("tls"));
            // both ports chosen here, so the two listeners are never handed the same one
            int plaintextPort = Ports.freePort();
            EmbeddedKafka kafka = EmbeddedKafka.startWithSecuredListener(dir.resolve("kafka"), plaintextPort,
                    new EmbeddedKafka.SecuredListener(Ports.freePortOtherThan(plaintextPort), certificate.keyStore(),
                            certificate.storePassword()));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD))).all()
                        .get(30, TimeUnit.SECONDS);
            }
            return new SecuredKafka(kafka, certificate.certificate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the secured Kafka broker", e);
        }
    }

    /** What a client needs to reach the secured listener: servers, SASL_SSL, SCRAM credentials, the trusted certificate. */
    public Map<String, String> clientSettings() {
        return Map.of(
                "bootstrap.servers", kafka.securedBootstrapServers(),
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + USER + "\" password=\"" + PASSWORD + "\";",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", trustedCertificate.toString());
    }

    public String securedBootstrapServers() {
        return kafka.securedBootstrapServers();
    }

    /** The broker's plaintext listener: for the test's set-up and checks, never for the client under test. */
    public String plaintextBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void close() {
        kafka.close();
    }
}
