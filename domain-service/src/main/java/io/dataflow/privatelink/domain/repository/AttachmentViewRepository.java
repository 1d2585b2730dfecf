package io.dataflow.privatelink.domain.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The attached-domain read model. */
@ApplicationScoped
public class AttachmentViewRepository implements PanacheRepositoryBase<AttachmentViewEntity, String> {

    /** Every attachment of these connections (also detached ones), for a batch to project into. */
    public Uni<List<AttachmentViewEntity>> ofConnections(List<String> connectionIds) {
        return list("connectionId in ?1", connectionIds);
    }

    /** A connection's attachments the API shows, oldest first. */
    public Uni<List<AttachmentViewEntity>> shownOf(String connectionId) {
        return list("connectionId = ?1 and zoneName is not null and detachedAt is null "
                + "order by createTime, attachDomainId", connectionId);
    }

    public Uni<Long> deleteOfConnections(List<String> connectionIds) {
        return delete("connectionId in ?1", connectionIds);
    }
}
