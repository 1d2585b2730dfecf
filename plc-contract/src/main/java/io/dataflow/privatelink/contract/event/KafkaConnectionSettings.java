package io.dataflow.privatelink.contract.event;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which Kafka client settings say how to reach the cluster (servers, security protocol, TLS, SASL), as opposed
 * to what one client does: the one rule every hand-built client (the services' through service-kit's
 * {@code KafkaClientSettings}, the operators' tools) takes its connection by, so TLS and SASL apply everywhere
 * by configuration alone.
 */
public final class KafkaConnectionSettings {

    private KafkaConnectionSettings() {
    }

    /** The settings of {@code all} (Kafka client property names) that say how to connect. */
    public static Map<String, Object> of(Map<String, ?> all) {
        Map<String, Object> kept = new TreeMap<>();
        all.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.equals("security.protocol") || key.equals("client.dns.lookup")
                    || key.startsWith("ssl.") || key.startsWith("sasl.")) {
                kept.put(key, value);
            }
        });
        if (!kept.containsKey("bootstrap.servers")) {
            throw new IllegalStateException("kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS) is not set");
        }
        return kept;
    }
}
