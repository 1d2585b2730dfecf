package io.dataflow.privatelink.domain.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/** Cluster → project, written by the projection, read by every query's tenancy check. */
@ApplicationScoped
public class ClusterTenancyRepository implements PanacheRepositoryBase<ClusterTenancyEntity, String> {

    /** Records the clusters' projects; a cluster recorded before keeps its project. */
    public Uni<Void> recordAll(Map<String, String> projectByCluster) {
        if (projectByCluster.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO cluster_tenancy (cluster_id, project_id)
                        SELECT * FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]))
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, projectByCluster.keySet().toArray(String[]::new))
                .setParameter(2, projectByCluster.values().toArray(String[]::new))
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Optional<String>> projectOf(String clusterId) {
        return findById(clusterId).map(row -> Optional.ofNullable(row).map(r -> r.projectId));
    }
}
