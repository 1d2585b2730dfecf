package io.dataflow.privatelink.connection.repository;

import io.dataflow.privatelink.connection.mapping.ClusterMapper;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The cluster registry table. */
@ApplicationScoped
public class ClusterRepository implements PanacheRepositoryBase<ClusterEntity, String> {

    /** Registers the cluster or updates its placement; its last event stays. */
    public Uni<Void> upsert(ClusterPlacement cluster) {
        return findById(cluster.clusterId()).chain(existing -> {
            ClusterEntity row = existing != null ? existing : new ClusterEntity();
            ClusterMapper.fill(row, cluster);
            return existing != null ? Uni.createFrom().voidItem() : persist(row).replaceWithVoid();
        });
    }

    public Uni<Optional<ClusterPlacement>> find(String clusterId) {
        return findById(clusterId).map(row -> Optional.ofNullable(row).map(ClusterMapper::toCluster));
    }

    /** The clusters of these projects, by cluster id. */
    public Uni<List<ClusterPlacement>> inProjects(Collection<String> projectIds) {
        if (projectIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("projectId in ?1 order by clusterId", projectIds)
                .map(rows -> rows.stream().map(ClusterMapper::toCluster).toList());
    }

}
