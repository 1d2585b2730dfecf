package io.dataflow.privatelink.contract.api;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.auth.Role;

/**
 * A cluster the caller may see (additive to the contract, for the console's cluster picker): where it
 * runs, the one connection type it takes, and the caller's role in its project.
 */
public record ClusterSummary(String clusterId, String projectId, CloudProvider cloudProvider, String region,
                             ConnectionType connectionType, Role role) {
}
