package io.dataflow.privatelink.worker.connectivity;

import java.io.IOException;
import java.util.List;

/**
 * The platform's network as a connectivity test sees it from the worker: names resolved by the platform VPC's
 * resolver, TCP connections and Kafka metadata requests to the addresses found. The checks are written against this
 * interface only, so they are tested without a network ({@link ConnectivityChecks}).
 */
public interface PlatformNetwork {

    /** The addresses {@code name} resolves to in {@code vpcId}; empty when it does not resolve (NXDOMAIN, no data). */
    List<String> resolve(String vpcId, String name) throws IOException;

    /** Opens (and closes) a TCP connection to {@code address:port}; answers how long it took, in milliseconds. */
    long connect(String address, int port) throws IOException;

    /** A Kafka metadata request to {@code address:port}, answered by the broker there. */
    KafkaMetadata kafkaMetadata(String address, int port) throws IOException;

    /** What a Kafka metadata response says about the cluster: its id and each broker as it advertises itself. */
    record KafkaMetadata(String clusterId, List<Broker> brokers, long millis) {

        public KafkaMetadata {
            brokers = List.copyOf(brokers);
        }
    }

    /** A broker's id, advertised host and port, and rack (often its availability zone id; null when unset). */
    record Broker(int id, String host, int port, String rack) {
    }
}
