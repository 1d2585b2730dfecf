package io.dataflow.privatelink.worker.alicloud;

import io.dataflow.privatelink.contract.ConnectionState;

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
}
