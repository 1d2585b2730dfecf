package io.dataflow.privatelink.worker.reconcile;

import io.dataflow.privatelink.contract.ConnectionState;

import java.util.List;

/**
 * What one reconcile step decided for one connection. {@link Kind#TRANSITION} and {@link Kind#REMOVED}
 * are recorded and announced together (outbox); {@link Kind#RETRY_LATER} changes nothing, so the next
 * cycle tries again.
 */
public record Outcome(Kind kind, String connectionId, ConnectionState state, String message, String endpointId,
                      List<String> zoneIds, Boolean acceptanceRequired) {

    public enum Kind {
        /** Nothing changed. */
        NONE,
        /** The cloud could not be asked this time (throttled, unavailable); try again next cycle. */
        RETRY_LATER,
        /** The connection moved to {@code state}, or its endpoint details changed. */
        TRANSITION,
        /** The endpoint is gone and the connection with it. */
        REMOVED
    }

    public static Outcome none(ManagedEndpoint m) {
        return new Outcome(Kind.NONE, m.connectionId(), m.state(), m.message(), m.endpointId(), m.zoneIds(),
                m.acceptanceRequired());
    }

    public static Outcome retryLater(ManagedEndpoint m, String why) {
        return new Outcome(Kind.RETRY_LATER, m.connectionId(), m.state(), why, m.endpointId(), m.zoneIds(),
                m.acceptanceRequired());
    }

    public static Outcome transition(ManagedEndpoint m, ConnectionState state, String message, String endpointId,
                                     List<String> zoneIds) {
        return new Outcome(Kind.TRANSITION, m.connectionId(), state, message, endpointId, zoneIds,
                m.acceptanceRequired());
    }

    public static Outcome failed(ManagedEndpoint m, String message) {
        return transition(m, ConnectionState.FAILED, message, m.endpointId(), m.zoneIds());
    }

    /** The same outcome, recording what pre-flight learnt about acceptance. */
    public Outcome withAcceptanceRequired(boolean required) {
        return new Outcome(kind, connectionId, state, message, endpointId, zoneIds, required);
    }

    public static Outcome removed(ManagedEndpoint m) {
        return new Outcome(Kind.REMOVED, m.connectionId(), null, null, m.endpointId(), m.zoneIds(),
                m.acceptanceRequired());
    }
}
