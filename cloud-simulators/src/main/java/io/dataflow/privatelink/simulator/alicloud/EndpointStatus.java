package io.dataflow.privatelink.simulator.alicloud;

import java.util.Arrays;
import java.util.Locale;

/**
 * An endpoint's {@code EndpointStatus} with its exact wire spelling. {@code Creating} moves on to
 * {@code Active}, {@code Deleting} to gone, after the configured delays; {@code Pending} (being modified)
 * and {@code Inactive} only appear when a test forces them.
 */
public enum EndpointStatus {
    CREATING("Creating"),
    ACTIVE("Active"),
    PENDING("Pending"),
    DELETING("Deleting"),
    INACTIVE("Inactive");

    private final String wire;

    EndpointStatus(String wire) {
        this.wire = wire;
    }

    public String wireValue() {
        return wire;
    }

    /** Accepts the wire value or the enum name, case-insensitively. */
    public static EndpointStatus parse(String value) {
        String normalized = value.replace("_", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.wire.toLowerCase(Locale.ROOT).equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown endpoint status: " + value));
    }

    @Override
    public String toString() {
        return wire;
    }
}
