package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.WireValue;

/**
 * An endpoint's {@code ConnectionStatus}, PascalCase on the wire. While the endpoint is
 * {@code Creating} the connection is {@code Disconnected}; once it is {@code Active} the connection is
 * {@code Pending} (the service requires acceptance) or {@code Connected} (it accepts automatically).
 * {@code EnableVpcEndpointConnection} goes {@code Connecting} → {@code Connected},
 * {@code DisableVpcEndpointConnection} {@code Disconnecting} → {@code Disconnected}, each after its delay.
 * {@code ServiceDeleted}: the service went away under the endpoint.
 */
public enum ConnectionStatus implements WireValue {
    PENDING, CONNECTING, CONNECTED, DISCONNECTING, DISCONNECTED, DELETING, DELETED, SERVICE_DELETED;

    @Override
    public String wireValue() {
        return WireValue.camelCase(this, true);
    }

    /** Accepts the wire value or the enum name, case-insensitively ({@code ServiceDeleted}, {@code SERVICE_DELETED}). */
    public static ConnectionStatus parse(String value) {
        return WireValue.parse(values(), value);
    }

    @Override
    public String toString() {
        return wireValue();
    }
}
