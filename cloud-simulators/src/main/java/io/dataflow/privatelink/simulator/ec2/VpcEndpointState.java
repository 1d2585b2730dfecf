package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.WireValue;

/**
 * VPC endpoint states with their exact wire spelling. AWS sends camelCase ({@code pendingAcceptance})
 * although its own API model (and so the SDK's {@code State} enum) spells them PascalCase, which is
 * why SDK callers must use {@code stateAsString()}.
 */
public enum VpcEndpointState implements WireValue {
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

    @Override
    public String wireValue() {
        return wire;
    }

    /** Accepts the wire value or the enum name, case-insensitively ({@code pendingAcceptance}, {@code PENDING_ACCEPTANCE}). */
    public static VpcEndpointState parse(String value) {
        return WireValue.parse(values(), value, "_-", "VPC endpoint state");
    }

    @Override
    public String toString() {
        return wire;
    }
}
