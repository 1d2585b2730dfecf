package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.ConnectionState;

import java.util.Locale;

/**
 * AWS VPC endpoint states → connection states. Compared as strings, case-insensitively: the SDK's
 * {@code State} enum does not know the wire value {@code pendingAcceptance} and returns null for it.
 */
final class AwsEndpointStates {

    private AwsEndpointStates() {
    }

    /** The connection state, or null when the endpoint is gone ({@code deleted}) or the value is unknown. */
    static ConnectionState toConnectionState(String awsState) {
        if (awsState == null) {
            return null;
        }
        return switch (awsState.toLowerCase(Locale.ROOT)) {
            case "pendingacceptance", "pending" -> ConnectionState.PENDING_ACCEPTANCE;
            case "available" -> ConnectionState.ACTIVE;
            case "rejected", "failed", "expired" -> ConnectionState.FAILED;
            case "deleting" -> ConnectionState.DELETING;
            default -> null;
        };
    }
}
