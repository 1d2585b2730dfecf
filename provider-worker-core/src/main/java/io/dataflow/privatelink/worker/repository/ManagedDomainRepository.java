package io.dataflow.privatelink.worker.repository;

import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.kit.persistence.JsonColumn;
import io.dataflow.privatelink.worker.reconcile.ManagedDomain;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The worker's record of the private zones it manages, one per attachment. */
@ApplicationScoped
public class ManagedDomainRepository implements PanacheRepositoryBase<ManagedDomainEntity, String> {

    /** Records an attachment to realise in the given network; a redelivered request changes nothing. */
    public Uni<Void> insertRequested(DomainAttachRequested request, String accountId, String region, String vpcId,
                                     List<Domain> domains, Instant now, String traceParent) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO managed_domain (attach_domain_id, connection_id, request, region, vpc_id, state,
                          domains, updated_at, version, account_id, trace_parent)
                        VALUES (?1, ?2, ?3, ?4, ?5, 'CREATING', ?6, ?7, 0, ?8, ?9) ON CONFLICT (attach_domain_id) DO NOTHING""")
                .setParameter(1, request.attachDomainId()).setParameter(2, request.connectionId())
                .setParameter(3, EventJson.write(request)).setParameter(4, region).setParameter(5, vpcId)
                .setParameter(6, JsonColumn.write(domains)).setParameter(7, now).setParameter(8, accountId)
                .setParameter(9, traceParent)
                .executeUpdate()).replaceWithVoid();
    }

    /** Marks one attachment for removal, under the request's trace; false when the worker does not know it. */
    public Uni<Boolean> markDetachRequested(String attachDomainId, Instant now, String traceParent) {
        return update("detachRequested = true, updatedAt = ?1, traceParent = ?2 where attachDomainId = ?3", now,
                traceParent, attachDomainId).map(rows -> rows == 1);
    }

    /**
     * Marks every attachment of a connection for removal, under the deletion's trace: its domains go before its
     * endpoint.
     */
    public Uni<Void> markConnectionDetaching(String connectionId, Instant now, String traceParent) {
        return update("detachRequested = true, updatedAt = ?1, traceParent = ?2 where connectionId = ?3", now,
                traceParent, connectionId).replaceWithVoid();
    }

    /** Attachments whose zone and records are still to be made. */
    public Uni<List<ManagedDomain>> awaitingAttach(Collection<Integer> shards) {
        return managed(list("state = ?1 and detachRequested = false and shard in ?2 order by updatedAt",
                DomainState.CREATING, shards));
    }

    /** Every attachment of a connection this worker knows. */
    public Uni<List<ManagedDomain>> forConnection(String connectionId) {
        return managed(list("connectionId = ?1 order by attachDomainId", connectionId));
    }

    /** Attachments to remove. */
    public Uni<List<ManagedDomain>> awaitingDetach(Collection<Integer> shards) {
        return managed(list("detachRequested = true and shard in ?1 order by updatedAt", shards));
    }

    private static Uni<List<ManagedDomain>> managed(Uni<List<ManagedDomainEntity>> rows) {
        return rows.map(list -> list.stream().map(ManagedDomainEntity::toManaged).toList());
    }
}
