package io.dataflow.privatelink.connection.mapping;

import io.dataflow.privatelink.connection.repository.AttachedDomainEntity;
import io.dataflow.privatelink.contract.domains.DomainAttachment;

/** Attachment rows to {@link DomainAttachment} and back. */
public final class AttachmentMapper {

    private AttachmentMapper() {
    }

    public static DomainAttachment toAttachment(AttachedDomainEntity row) {
        return new DomainAttachment(row.attachDomainId, row.connectionId, row.clusterId, row.connectionType,
                row.domainType, row.uniqueName, row.zoneName, row.records, row.state, row.domains, row.createdBy,
                row.createTime, row.updateTime);
    }

    public static AttachedDomainEntity newRow(DomainAttachment a) {
        AttachedDomainEntity row = new AttachedDomainEntity();
        row.attachDomainId = a.attachDomainId();
        row.connectionId = a.connectionId();
        row.clusterId = a.clusterId();
        row.connectionType = a.connectionType();
        row.domainType = a.domainType();
        row.uniqueName = a.uniqueName();
        row.zoneName = a.zoneName();
        row.records = a.records();
        row.state = a.state();
        row.domains = a.domains();
        row.createdBy = a.createdBy();
        row.createTime = a.createTime();
        row.updateTime = a.updateTime();
        return row;
    }

    /** Writes the attachment's state and domains into its row. */
    public static void fillState(AttachedDomainEntity row, DomainAttachment a) {
        row.state = a.state();
        row.domains = a.domains();
        row.updateTime = a.updateTime();
    }
}
