package io.dataflow.privatelink.connection.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** The connection aggregate table. Writes join the caller's transaction, with the outbox row they cause. */
@ApplicationScoped
public class ConnectionRepository implements PanacheRepositoryBase<ConnectionEntity, String> {

    /** The cluster's connection, locked for update: commands on one connection serialise on it. */
    public Uni<ConnectionEntity> findForUpdate(String clusterId, String connectionId) {
        return find("connectionId = ?1 and clusterId = ?2", connectionId, clusterId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The connection locked for update, whatever its cluster (the workers' reports name it by id). */
    public Uni<ConnectionEntity> findByIdForUpdate(String connectionId) {
        return findById(connectionId, LockModeType.PESSIMISTIC_WRITE);
    }
}
