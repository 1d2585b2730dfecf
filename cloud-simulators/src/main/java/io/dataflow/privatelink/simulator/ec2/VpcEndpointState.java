package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.WireValue;

/**
 * VPC endpoint states; the wire spelling is camelCase ({@code pendingAcceptance}), as AWS sends it although
 * its own API model (and so the SDK's {@code State} enum) spells them PascalCase, which is why SDK callers
 * must use {@code stateAsString()}.
 */
public enum VpcEndpointState implements WireValue {
    PENDING_ACCEPTANCE, PENDING, AVAILABLE, DELETING, DELETED, REJECTED, FAILED, EXPIRED;

    @Override
    public String wireValue() {
        return WireValue.camelCase(this, false);
    }

    /** Accepts the wire value or the enum name, case-insensitively ({@code pendingAcceptance}, {@code PENDING_ACCEPTANCE}). */
    public static VpcEndpointState parse(String value) {
        return WireValue.parse(values(), value);
    }

    @Override
    public String toString() {
        return wireValue();
    }
}
