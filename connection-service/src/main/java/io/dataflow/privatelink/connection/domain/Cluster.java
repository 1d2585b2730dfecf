package io.dataflow.privatelink.connection.domain;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.event.ClusterPlacement;

import java.util.List;
import java.util.Map;

/** A cluster of the platform, as far as private link connections need to know it. */
public record Cluster(
        String clusterId,
        String projectId,
        CloudProvider provider,
        String region,
        String accountId,
        String vpcId,
        List<String> azIds,
        Map<String, String> subnetIdsByAz,
        String securityGroupId) {

    public ClusterPlacement placement() {
        return new ClusterPlacement(clusterId, projectId, provider, region, accountId, vpcId, azIds, subnetIdsByAz,
                securityGroupId);
    }
}
