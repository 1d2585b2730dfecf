package io.dataflow.privatelink.worker.repository;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The worker's record of the endpoints it manages. */
@ApplicationScoped
public class ManagedEndpointRepository implements PanacheRepositoryBase<ManagedEndpointEntity, String> {

    /** Records a new connection to provision, under the request's trace; a redelivered request changes nothing. */
    public Uni<Void> insertRequested(ConnectionRequested request, Instant acceptDeadline, Instant now,
                                     String traceParent) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO managed_endpoint (connection_id, cluster_id, request, state, accept_deadline,
                          updated_at, version, trace_parent)
                        VALUES (?1, ?2, ?3, 'CREATING', ?4, ?5, 0, ?6) ON CONFLICT (connection_id) DO NOTHING""")
                .setParameter(1, request.connectionId()).setParameter(2, request.clusterId())
                .setParameter(3, EventJson.write(request)).setParameter(4, acceptDeadline).setParameter(5, now)
                .setParameter(6, traceParent)
                .executeUpdate()).replaceWithVoid();
    }

    /** Marks the connection for deletion, under the request's trace; false when the worker does not know it. */
    public Uni<Boolean> markDeletionRequested(String connectionId, Instant now, String traceParent) {
        return update("deletionRequested = true, updatedAt = ?1, traceParent = ?2 where connectionId = ?3", now,
                traceParent, connectionId).map(rows -> rows == 1);
    }

    public Uni<Optional<ManagedEndpoint>> findManaged(String connectionId) {
        return findById(connectionId).map(row -> Optional.ofNullable(row).map(ManagedEndpointEntity::toManaged));
    }

    /** Connections whose endpoint is still to be created. */
    /** When the longest-waiting create or delete of these shards was asked for (its row's last change), if any. */
    public Uni<java.util.Optional<java.time.Instant>> oldestPendingSince(Collection<Integer> shards) {
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        select min(e.updatedAt) from ManagedEndpointEntity e where e.shard in ?1 and (
                          (e.endpointId is null and e.state = ?2 and e.deletionRequested = false)
                          or (e.deletionRequested = true and e.state <> ?3))""", java.time.Instant.class)
                .setParameter(1, shards).setParameter(2, ConnectionState.CREATING)
                .setParameter(3, ConnectionState.DELETING).getSingleResultOrNull())
                .map(java.util.Optional::ofNullable);
    }

    public Uni<List<ManagedEndpoint>> awaitingProvision(Collection<Integer> shards) {
        return managed(list("""
                endpointId is null and state = ?1 and deletionRequested = false and shard in ?2
                order by updatedAt""", ConnectionState.CREATING, shards));
    }

    /**
     * Connections the user asked to delete whose endpoint deletion has not been started, once their
     * domains are gone (names must never point at an endpoint that no longer exists).
     */
    public Uni<List<ManagedEndpoint>> awaitingDeprovision(Collection<Integer> shards) {
        return managed(list("""
                from ManagedEndpointEntity e where e.deletionRequested = true and e.state <> ?1 and e.shard in ?2
                  and not exists (select 1 from ManagedDomainEntity d where d.connectionId = e.connectionId)
                order by e.updatedAt""", ConnectionState.DELETING, shards));
    }

    /** Connections with an endpoint to watch, in every region. */
    public Uni<List<ManagedEndpoint>> watched(Collection<Integer> shards) {
        return managed(list("endpointId is not null and shard in ?1 order by connectionId", shards));
    }

    /** Every connection the worker knows, in any state: endpoints tagged with any other id are orphans. */
    public Uni<Set<String>> knownConnectionIds() {
        return find("select e.connectionId from ManagedEndpointEntity e").project(String.class).list()
                .map(Set::copyOf);
    }

    private static Uni<List<ManagedEndpoint>> managed(Uni<List<ManagedEndpointEntity>> rows) {
        return rows.map(list -> list.stream().map(ManagedEndpointEntity::toManaged).toList());
    }
}
