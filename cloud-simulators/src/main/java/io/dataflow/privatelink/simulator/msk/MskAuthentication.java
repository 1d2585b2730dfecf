package io.dataflow.privatelink.simulator.msk;

import java.util.Arrays;
import java.util.Optional;

/**
 * A client authentication scheme of an MSK cluster, and the one a VPC connection uses: the values of
 * CreateVpcConnection's {@code authentication} ({@code SASL_SCRAM}, {@code SASL_IAM}, {@code TLS}), its
 * constant names exactly. Multi-VPC private connectivity is turned on per scheme.
 */
public enum MskAuthentication {
    SASL_SCRAM, SASL_IAM, TLS;

    /** The scheme spelled {@code value} exactly (MSK's enums are case-sensitive); empty for anything else. */
    static Optional<MskAuthentication> fromWire(String value) {
        return Arrays.stream(values()).filter(a -> a.name().equals(value)).findFirst();
    }
}
