package io.dataflow.privatelink.domain.projection;

import io.dataflow.privatelink.domain.repository.AttachmentViewEntity;
import io.dataflow.privatelink.domain.repository.ConnectionViewEntity;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One connection's part of the read model while a batch is projected: its row and all its attachments'
 * rows (detached ones included), and which attachments had routes when the batch began.
 */
public final class ProjectedConnection {

    private final ConnectionViewEntity view;
    private final Map<String, AttachmentViewEntity> attachments = new LinkedHashMap<>();
    private final Set<String> routedBefore;

    public ProjectedConnection(ConnectionViewEntity view, Collection<AttachmentViewEntity> attachments) {
        this.view = view;
        attachments.forEach(a -> this.attachments.put(a.attachDomainId, a));
        // The routing table holds the names of the attachments shown when the last batch committed.
        this.routedBefore = attachments.stream().filter(a -> ReadModelRules.isShown(view, a))
                .map(a -> a.attachDomainId).collect(Collectors.toUnmodifiableSet());
    }

    public ConnectionViewEntity view() {
        return view;
    }

    public Collection<AttachmentViewEntity> attachments() {
        return attachments.values();
    }

    AttachmentViewEntity attachment(String attachDomainId) {
        return attachments.get(attachDomainId);
    }

    void add(AttachmentViewEntity attachment) {
        attachments.put(attachment.attachDomainId, attachment);
    }

    /** Whether the attachment had routes before this batch (so whether they must be added or removed now). */
    boolean wasRouted(String attachDomainId) {
        return routedBefore.contains(attachDomainId);
    }
}
