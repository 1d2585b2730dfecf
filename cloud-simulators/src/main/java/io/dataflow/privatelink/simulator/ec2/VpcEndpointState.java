package io.dataflow.privatelink.simulator.ec2;

import java.util.Arrays;
import java.util.Locale;

/**
 * VPC endpoint states with their exact wire spelling. AWS sends camelCase ({@code pendingAcceptance})
 * although its own API model (and so the SDK's {@code State} enum) spells them PascalCase, which is
 * why SDK callers must use {@code stateAsString()}.
 */
public enum VpcEndpointState {
    PENDING_ACCEPTANCE("pendingAcceptance"),
    PENDING("pending"),
    AVAILABLE("available"),
    DELETING("deleting"),
    DELETED("deleted"),
    REJECTED("rejected"),
    FAILED("failed"),
    EXPIRED("expired");

    private final String wire;

    VpcEndpointState(String wire) {
        this.wire = wire;
    }

    public String wireValue() {
        return wire;
    }

    /** Accepts the wire value or the enum name, case-insensitively ({@code pendingAcceptance}, {@code PENDING_ACCEPTANCE}). */
    public static VpcEndpointState parse(String value) {
        String normalized = value.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.wire.toLowerCase(Locale.ROOT).equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown VPC endpoint state: " + value));
    }

    @Override
    public String toString() {
        return wire;
    }
}
