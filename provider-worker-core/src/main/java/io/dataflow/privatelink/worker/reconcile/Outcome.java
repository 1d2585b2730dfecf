package io.dataflow.privatelink.worker.reconcile;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;

import java.util.List;

/**
 * What one reconcile step decided for one connection. {@link Kind#TRANSITION} and {@link Kind#REMOVED}
 * are recorded and announced together (outbox); {@link Kind#RETRY_LATER} changes nothing, so the next
 * cycle tries again.
 */
public record Outcome(Kind kind, String connectionId, ConnectionState state, String message, String endpointId,
                      List<String> zoneIds, Boolean acceptanceRequired, FailureReason failureReason) {

    public enum Kind {
        /** Nothing changed. */
        NONE,
        /** This resource's call failed for now; it backs off on its own, the others go on. */
        RETRY_LATER,
        /** The cloud takes no calls now (throttled, budget spent, out of reach): the pass stops asking. */
        CLOUD_BUSY,
        /** The connection moved to {@code state}, or its endpoint details changed. */
        TRANSITION,
        /** The endpoint is gone and the connection with it. */
        REMOVED;

        /** Recorded and announced (store + outbox, one transaction); every other outcome writes nothing. */
        public boolean writes() {
            return this == TRANSITION || this == REMOVED;
        }
    }

    public static Outcome none(ManagedEndpoint m) {
        return new Outcome(Kind.NONE, m.connectionId(), m.state(), m.message(), m.endpointId(), m.zoneIds(),
                m.acceptanceRequired(), null);
    }

    public static Outcome retryLater(ManagedEndpoint m, String why) {
        return new Outcome(Kind.RETRY_LATER, m.connectionId(), m.state(), why, m.endpointId(), m.zoneIds(),
                m.acceptanceRequired(), null);
    }

    /** RETRY_LATER or CLOUD_BUSY, as the failure says. */
    public static Outcome retryLater(ManagedEndpoint m, io.dataflow.privatelink.worker.cloud.CloudException e) {
        return new Outcome(e.cloudWide() ? Kind.CLOUD_BUSY : Kind.RETRY_LATER, m.connectionId(), m.state(),
                e.getMessage(), m.endpointId(), m.zoneIds(), m.acceptanceRequired(), null);
    }

    public static Outcome transition(ManagedEndpoint m, ConnectionState state, String message, String endpointId,
                                     List<String> zoneIds) {
        return new Outcome(Kind.TRANSITION, m.connectionId(), state, message, endpointId, zoneIds,
                m.acceptanceRequired(), null);
    }

    /** FAILED, saying why in a stable code ({@code reason}) and in words ({@code message}). */
    public static Outcome failed(ManagedEndpoint m, FailureReason reason, String message) {
        return new Outcome(Kind.TRANSITION, m.connectionId(), ConnectionState.FAILED, message, m.endpointId(),
                m.zoneIds(), m.acceptanceRequired(), reason);
    }

    /** The same outcome with a failure reason (for a transition to FAILED the cloud reported). */
    public Outcome withFailureReason(FailureReason reason) {
        return new Outcome(kind, connectionId, state, message, endpointId, zoneIds, acceptanceRequired, reason);
    }

    /** The same outcome, recording what pre-flight learnt about acceptance. */
    public Outcome withAcceptanceRequired(boolean required) {
        return new Outcome(kind, connectionId, state, message, endpointId, zoneIds, required, failureReason);
    }

    public static Outcome removed(ManagedEndpoint m) {
        return new Outcome(Kind.REMOVED, m.connectionId(), null, null, m.endpointId(), m.zoneIds(),
                m.acceptanceRequired(), null);
    }
}
