package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;

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

    /** Why an endpoint in {@code awsState} is FAILED, in our terms; null when the state is not a failure. */
    static FailureReason failureReason(String awsState) {
        if (awsState == null) {
            return null;
        }
        return switch (awsState.toLowerCase(Locale.ROOT)) {
            case "rejected" -> FailureReason.REJECTED_BY_OWNER;
            case "expired" -> FailureReason.ACCEPTANCE_EXPIRED; // AWS's own expiry of a pending request
            case "failed" -> FailureReason.ENDPOINT_FAILED;
            default -> null;
        };
    }
}
