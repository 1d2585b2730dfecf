package io.dataflow.privatelink.domain.repository;

import io.dataflow.privatelink.domain.projection.ProjectionEffects.Route;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The host routing table (table {@code domain_route}): the names of the attachments shown. */
@ApplicationScoped
public class DomainRouteRepository {

    /** A route with the attachment that serves it, for lookups. */
    public record RouteView(String name, String attachDomainId, String connectionId, String clusterId,
                            java.time.Instant createTime) {
    }

    public Uni<Void> addAll(List<Route> routes) {
        if (routes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO domain_route (name, attach_domain_id, connection_id, cluster_id)
                        SELECT * FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]),
                                             CAST(?4 AS text[]))
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, routes.stream().map(Route::name).toArray(String[]::new))
                .setParameter(2, routes.stream().map(Route::attachDomainId).toArray(String[]::new))
                .setParameter(3, routes.stream().map(Route::connectionId).toArray(String[]::new))
                .setParameter(4, routes.stream().map(Route::clusterId).toArray(String[]::new))
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> removeOf(List<String> attachDomainIds) {
        if (attachDomainIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "DELETE FROM domain_route WHERE attach_domain_id = ANY (CAST(?1 AS text[]))")
                .setParameter(1, attachDomainIds.toArray(String[]::new)).executeUpdate()).replaceWithVoid();
    }

    /** Of the given names, the routes of the cluster that exist. */
    public Uni<List<RouteView>> routes(String clusterId, List<String> names) {
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        select r.name, r.attachDomainId, r.connectionId, r.clusterId, a.createTime
                        from DomainRouteEntity r join AttachmentViewEntity a on a.attachDomainId = r.attachDomainId
                        where r.clusterId = :cluster and r.name in :names""", RouteView.class)
                .setParameter("cluster", clusterId).setParameter("names", names).getResultList());
    }

    public Uni<Integer> deleteOfConnections(List<String> connectionIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "DELETE FROM domain_route WHERE connection_id = ANY (CAST(?1 AS text[]))")
                .setParameter(1, connectionIds.toArray(String[]::new)).executeUpdate());
    }
}
