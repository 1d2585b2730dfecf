package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.WireValue;

/**
 * An endpoint's {@code ConnectionStatus} with its exact wire spelling. While the endpoint is
 * {@code Creating} the connection is {@code Disconnected}; once it is {@code Active} the connection is
 * {@code Pending} (the service requires acceptance) or {@code Connected} (it accepts automatically).
 * {@code EnableVpcEndpointConnection} goes {@code Connecting} → {@code Connected},
 * {@code DisableVpcEndpointConnection} {@code Disconnecting} → {@code Disconnected}, each after its delay.
 * {@code ServiceDeleted}: the service went away under the endpoint.
 */
public enum ConnectionStatus implements WireValue {
    PENDING("Pending"),
    CONNECTING("Connecting"),
    CONNECTED("Connected"),
    DISCONNECTING("Disconnecting"),
    DISCONNECTED("Disconnected"),
    DELETING("Deleting"),
    DELETED("Deleted"),
    SERVICE_DELETED("ServiceDeleted");

    private final String wire;

    ConnectionStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wireValue() {
        return wire;
    }

    /** Accepts the wire value or the enum name, case-insensitively ({@code ServiceDeleted}, {@code SERVICE_DELETED}). */
    public static ConnectionStatus parse(String value) {
        return WireValue.parse(values(), value, "_", "connection status");
    }

    @Override
    public String toString() {
        return wire;
    }
}
