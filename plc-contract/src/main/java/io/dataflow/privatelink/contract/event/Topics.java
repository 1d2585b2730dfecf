package io.dataflow.privatelink.contract.event;

/**
 * Default Kafka topic names (each service lets configuration override them). Keys are connection ids,
 * so all events of one connection land in one partition and stay in order.
 */
public final class Topics {

    /** Commands accepted by connection-service, for the provider workers. */
    public static final String CONNECTION_REQUESTS = "plc.connection-requests.v1";
    /** State changes published by the provider workers. */
    public static final String CONNECTION_STATE = "plc.connection-state.v1";

    /**
     * The integration stream for other dataflow services: compacted, key = connection id, each
     * connection's latest snapshot, a tombstone once it is deleted. Documented in asyncapi.yaml.
     */
    public static final String CONNECTIONS = "plc.connections.v1";

    private Topics() {
    }

    /** Where a consumer parks a record it cannot process, so one bad record never stops it. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
