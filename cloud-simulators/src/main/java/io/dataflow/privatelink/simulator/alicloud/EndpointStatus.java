package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.WireValue;

/**
 * An endpoint's {@code EndpointStatus}, PascalCase on the wire. {@code Creating} moves on to {@code Active},
 * {@code Deleting} to gone, after the configured delays; {@code Pending} (being modified) and
 * {@code Inactive} only appear when a test forces them.
 */
public enum EndpointStatus implements WireValue {
    CREATING, ACTIVE, PENDING, DELETING, INACTIVE;

    @Override
    public String wireValue() {
        return WireValue.camelCase(this, true);
    }

    /** Accepts the wire value or the enum name, case-insensitively. */
    public static EndpointStatus parse(String value) {
        return WireValue.parse(values(), value);
    }

    @Override
    public String toString() {
        return wireValue();
    }
}
