package io.dataflow.privatelink.contract.event;

import java.util.Map;
import java.util.Optional;

/**
 * What a consumer may rely on in an event of a known type: its data decodes as the type's payload, every
 * required field is present, and the payload is about the event's subject. A record that breaks this
 * can never be processed and is dead-lettered; a type this version does not know is skipped, so
 * producers can add types first.
 */
public final class EventContract {

    private static final Map<String, Class<? extends EventPayload>> PAYLOADS = Map.ofEntries(
            Map.entry(EventTypes.CONNECTION_REQUESTED, ConnectionRequested.class),
            Map.entry(EventTypes.CONNECTION_DELETION_REQUESTED, ConnectionDeletionRequested.class),
            Map.entry(EventTypes.CONNECTION_RENAMED, ConnectionRenamed.class),
            Map.entry(EventTypes.CONNECTION_STATE_CHANGED, ConnectionStateChanged.class),
            Map.entry(EventTypes.CONNECTION_DELETED, ConnectionDeleted.class),
            Map.entry(EventTypes.DOMAIN_ATTACH_REQUESTED, DomainAttachRequested.class),
            Map.entry(EventTypes.DOMAIN_DETACH_REQUESTED, DomainDetachRequested.class),
            Map.entry(EventTypes.DOMAIN_STATE_CHANGED, DomainStateChanged.class),
            Map.entry(EventTypes.DOMAIN_DETACHED, DomainDetached.class),
            Map.entry(EventTypes.CONNECTIVITY_TEST_REQUESTED, ConnectivityTestRequested.class),
            Map.entry(EventTypes.CONNECTIVITY_TEST_COMPLETED, ConnectivityTestCompleted.class));

    private EventContract() {
    }

    /** The payload of a known type, checked; empty for a type this version does not know. */
    public static Optional<EventPayload> payload(CloudEvent event) {
        Class<? extends EventPayload> type = PAYLOADS.get(event.type());
        if (type == null) {
            return Optional.empty();
        }
        if (event.isTombstone()) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no data");
        }
        EventPayload payload = event.dataAs(type);
        payload.checkComplete();
        if (!payload.connectionId().equals(event.subject())) {
            throw new MalformedEventException(event.type() + " " + event.id() + " is about connection "
                    + payload.connectionId() + " but its subject is " + event.subject());
        }
        if (payload.connectionId().indexOf('\0') >= 0 || payload.clusterId().indexOf('\0') >= 0) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has a NUL character in an id");
        }
        return Optional.of(payload);
    }
}
