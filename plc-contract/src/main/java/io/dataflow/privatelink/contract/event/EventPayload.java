package io.dataflow.privatelink.contract.event;

/**
 * The payload of an event the services exchange. Every one is about one connection (the event's subject
 * and Kafka key) and says which version of its producer's record it reflects.
 */
public interface EventPayload {

    String connectionId();

    String clusterId();

    /** The producer's version of the record this event reflects; later versions supersede earlier ones. */
    long version();

    /** The fields the contract requires, as name-value pairs: each value must be present. */
    Object[] requiredFields();

    /** Throws {@link MalformedEventException} naming the first required field that is missing. */
    default void checkComplete() {
        Object[] fields = requiredFields();
        for (int i = 0; i < fields.length; i += 2) {
            Object value = fields[i + 1];
            if (value == null || (value instanceof String text && text.isBlank())) {
                throw new MalformedEventException(getClass().getSimpleName() + " lacks the required field " + fields[i]);
            }
        }
        if (version() < 0) {
            throw new MalformedEventException(getClass().getSimpleName() + " has a negative version " + version());
        }
    }
}
