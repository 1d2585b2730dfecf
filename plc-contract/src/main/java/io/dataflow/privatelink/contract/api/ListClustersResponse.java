package io.dataflow.privatelink.contract.api;

import java.util.List;

/** The clusters of the caller's projects, by cluster id. */
public record ListClustersResponse(List<ClusterSummary> clusters) {
}
