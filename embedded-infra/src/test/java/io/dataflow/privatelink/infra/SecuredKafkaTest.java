package io.dataflow.privatelink.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The secured broker accepts a client with its SASL/SCRAM-over-TLS settings and refuses a plaintext one. */
class SecuredKafkaTest {

    @TempDir
    static Path dir;
    static SecuredKafka kafka;

    @BeforeAll
    static void start() {
        kafka = SecuredKafka.start(dir);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void aClientWithTheSecuredSettingsIsServed() throws Exception {
        Map<String, Object> settings = new HashMap<>(kafka.clientSettings());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(settings)) {
            assertNotNull(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aPlaintextClientIsRefusedOnTheSecuredListener() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.securedBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
            assertThrows(ExecutionException.class, () -> admin.listTopics().names().get(20, TimeUnit.SECONDS));
        }
    }
}
