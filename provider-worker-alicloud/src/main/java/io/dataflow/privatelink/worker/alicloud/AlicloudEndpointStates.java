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
        switch (endpointStatus) {
            case "Creating":
                return ConnectionState.CREATING;
            case "Deleting":
                return ConnectionState.DELETING;
            case "Deleted":
                return null;
            case "Active":
            case "Updating":
                break;
            default:
                return ConnectionState.FAILED;
        }
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
