package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.WireValue;

/**
 * An endpoint's {@code EndpointStatus} with its exact wire spelling. {@code Creating} moves on to
 * {@code Active}, {@code Deleting} to gone, after the configured delays; {@code Pending} (being modified)
 * and {@code Inactive} only appear when a test forces them.
 */
public enum EndpointStatus implements WireValue {
    CREATING("Creating"),
    ACTIVE("Active"),
    PENDING("Pending"),
    DELETING("Deleting"),
    INACTIVE("Inactive");

    private final String wire;

    EndpointStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wireValue() {
        return wire;
    }

    /** Accepts the wire value or the enum name, case-insensitively. */
    public static EndpointStatus parse(String value) {
        return WireValue.parse(values(), value, "_", "endpoint status");
    }

    @Override
    public String toString() {
        return wire;
    }
}
