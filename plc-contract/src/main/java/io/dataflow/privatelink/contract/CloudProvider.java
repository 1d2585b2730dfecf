package io.dataflow.privatelink.contract;

/** The clouds a cluster, and so its private link connections, can live in. */
public enum CloudProvider {
    AWS,
    ALICLOUD
}
