package io.dataflow.privatelink.connection.service;

/**
 * The answer of {@code GET …/privateLinkConnections:getQuota} (additive): how many connections the cluster
 * and its project may have and how many they have now.
 */
public record GetQuotaResponse(ClusterQuota cluster, ProjectQuota project) {

    /** The cluster's limit and its connections now. */
    public record ClusterQuota(String clusterId, int limit, long used) {
    }

    /** The project's limit and the connections of all its clusters now. */
    public record ProjectQuota(String projectId, int limit, long used) {
    }
}
