package io.dataflow.privatelink.simulator.msk;

/**
 * The states of an MSK VPC connection ({@code VpcConnectionState}), spelled on the wire as the constants are
 * named. The simulator moves a connection CREATING → AVAILABLE and DELETING → gone by itself; the cluster
 * owner's reject makes it REJECTED, turning multi-VPC off for its authentication INACTIVE; the others
 * (FAILED, DEACTIVATING, REJECTING) only a test hook sets.
 */
public enum MskVpcConnectionState {
    CREATING, AVAILABLE, INACTIVE, DEACTIVATING, DELETING, FAILED, REJECTED, REJECTING
}
