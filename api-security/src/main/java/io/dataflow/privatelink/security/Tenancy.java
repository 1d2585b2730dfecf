package io.dataflow.privatelink.security;

import io.dataflow.privatelink.kit.api.ApiException;

/** What both API services answer for a cluster the caller may not see: exactly what a missing one gets. */
public final class Tenancy {

    private Tenancy() {
    }

    public static ApiException clusterNotFound(String clusterId) {
        return ApiException.notFound("Cluster " + clusterId + " was not found. Check the cluster id.");
    }
}
