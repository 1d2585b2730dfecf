package io.dataflow.privatelink.connection.mapping;

import io.dataflow.privatelink.connection.repository.ClusterEntity;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.api.ClusterSummary;
import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.contract.event.ClusterPlacement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cluster rows to {@link ClusterPlacement} (where a cluster lives, as events carry it) and back. */
public final class ClusterMapper {

    private ClusterMapper() {
    }

    public static ClusterPlacement toCluster(ClusterEntity row) {
        Map<String, String> subnetsByAz = new LinkedHashMap<>();
        for (int i = 0; i < row.azIds.size(); i++) {
            subnetsByAz.put(row.azIds.get(i), row.subnetIds.get(i));
        }
        return new ClusterPlacement(row.clusterId, row.projectId, row.provider, row.region, row.accountId, row.vpcId,
                List.copyOf(row.azIds), subnetsByAz, row.securityGroupId);
    }

    /** The API's view of a cluster for a caller holding {@code role} in its project. */
    public static ClusterSummary toSummary(ClusterPlacement cluster, Role role) {
        return new ClusterSummary(cluster.clusterId(), cluster.projectId(), cluster.provider(), cluster.region(),
                ConnectionType.of(cluster.provider()), role);
    }

    public static void fill(ClusterEntity row, ClusterPlacement cluster) {
        row.clusterId = cluster.clusterId();
        row.projectId = cluster.projectId();
        row.provider = cluster.provider();
        row.region = cluster.region();
        row.accountId = cluster.accountId();
        row.vpcId = cluster.vpcId();
        row.azIds = List.copyOf(cluster.azIds());
        row.subnetIds = cluster.azIds().stream().map(az -> cluster.subnetIdsByAz().get(az)).toList();
        row.securityGroupId = cluster.securityGroupId();
    }
}
