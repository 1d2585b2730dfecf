package io.dataflow.privatelink.worker.alicloud;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;

/**
 * Alibaba Cloud {@code EndpointStatus} × {@code ConnectionStatus} → connection state.
 * {@code Disconnecting} is the owner withdrawing the connection (a rejection on its way), so it maps to
 * FAILED like {@code Disconnected}; our own deletion shows as {@code EndpointStatus=Deleting}.
 */
final class AlicloudEndpointStates {

    private AlicloudEndpointStates() {
    }

    static ConnectionState toConnectionState(String endpointStatus, String connectionStatus) {
        if (endpointStatus == null) {
            return null;
        }
        return switch (endpointStatus) {
            case "Creating" -> ConnectionState.CREATING;
            case "Deleting" -> ConnectionState.DELETING;
            case "Deleted" -> null;
            case "Active", "Updating" -> byConnectionStatus(connectionStatus);
            default -> ConnectionState.FAILED;
        };
    }

    /** An endpoint that exists: what its connection to the service says. */
    private static ConnectionState byConnectionStatus(String connectionStatus) {
        if (connectionStatus == null) {
            return ConnectionState.PENDING_ACCEPTANCE;
        }
        return switch (connectionStatus) {
            case "Connected" -> ConnectionState.ACTIVE;
            case "Pending", "Connecting" -> ConnectionState.PENDING_ACCEPTANCE;
            default -> ConnectionState.FAILED; // Disconnecting, Disconnected, ServiceDeleted, Deleted
        };
    }

    /** Why an endpoint with these statuses is FAILED, in our terms; null when they are not a failure. */
    static FailureReason failureReason(String endpointStatus, String connectionStatus) {
        if (toConnectionState(endpointStatus, connectionStatus) != ConnectionState.FAILED) {
            return null;
        }
        if (connectionStatus == null) {
            return FailureReason.ENDPOINT_FAILED;
        }
        return switch (connectionStatus) {
            case "Disconnecting", "Disconnected", "Rejected" -> FailureReason.REJECTED_BY_OWNER;
            case "ServiceDeleted" -> FailureReason.SERVICE_DELETED;
            default -> FailureReason.ENDPOINT_FAILED;
        };
    }
}
