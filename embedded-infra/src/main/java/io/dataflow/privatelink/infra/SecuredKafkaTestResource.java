package io.dataflow.privatelink.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: as {@link InfraTestResource}, but the service's Kafka is a {@link SecuredKafka}
 * (SASL/SCRAM over TLS), reached by the {@code kafka.*} settings alone, as production configures it. One per
 * test JVM; {@link #kafka()} gives tests its plaintext side for set-up and checks.
 */
public class SecuredKafkaTestResource extends InfraTestResource {

    private static SecuredKafka kafka;

    public static synchronized SecuredKafka kafka() {
        if (kafka == null) {
            try {
                kafka = SecuredKafka.start(Files.createTempDirectory("secured-kafka"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "secured-kafka-stop"));
        }
        return kafka;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = new HashMap<>(super.start());
        kafka().clientSettings().forEach((key, value) -> settings.put("kafka." + key, value));
        return settings;
    }
}
