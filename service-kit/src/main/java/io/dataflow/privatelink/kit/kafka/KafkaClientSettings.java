package io.dataflow.privatelink.kit.kafka;

import io.dataflow.privatelink.contract.event.KafkaConnectionSettings;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * How every Kafka client a service builds by hand (the outbox's producer, the topic bootstrap's admin, the
 * rebuild's admin) reaches the cluster: the same {@code kafka.*} configuration SmallRye's channels use
 * (Quarkus's {@code default-kafka-broker}), so {@code security.protocol}, {@code sasl.*} and {@code ssl.*}
 * (TLS, SASL/SCRAM) apply to all of them by configuration alone. Only the connection's settings are taken;
 * each client adds its own.
 */
@ApplicationScoped
public class KafkaClientSettings {

    private final Map<String, Object> connection;

    KafkaClientSettings(@Identifier("default-kafka-broker") Map<String, Object> broker) {
        this.connection = KafkaConnectionSettings.of(broker);
    }

    /** A fresh, mutable copy of the connection's settings, for one client to add its own to. */
    public Map<String, Object> forClient() {
        return new HashMap<>(connection);
    }
}
