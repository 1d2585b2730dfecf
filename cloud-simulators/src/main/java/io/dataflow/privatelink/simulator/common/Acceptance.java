package io.dataflow.privatelink.simulator.common;

/**
 * Who accepts the connections to an endpoint service: its owner, one by one, or the service itself, at
 * once. EC2 spells {@link #MANUAL} {@code AcceptanceRequired=true}; Alibaba Cloud spells {@link #AUTOMATIC}
 * {@code AutoAcceptEnabled=true}.
 */
public enum Acceptance {
    /** A new connection waits for the owner's decision (EC2 {@code pendingAcceptance}, Alibaba Cloud {@code Pending}). */
    MANUAL,
    /** A new connection is accepted as soon as its endpoint exists. */
    AUTOMATIC
}
