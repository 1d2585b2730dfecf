package io.dataflow.privatelink.contract.event;

import io.dataflow.privatelink.contract.CloudProvider;

import java.util.List;
import java.util.Map;

/**
 * Where a cluster lives in the platform's cloud account: what a worker needs to create an endpoint
 * for it. Carried inside {@link ConnectionRequested} so that workers need no access to the registry.
 */
public record ClusterPlacement(
        String clusterId,
        String projectId,
        CloudProvider provider,
        String region,
        String accountId,
        String vpcId,
        List<String> azIds,
        Map<String, String> subnetIdsByAz,
        String securityGroupId) {
}
