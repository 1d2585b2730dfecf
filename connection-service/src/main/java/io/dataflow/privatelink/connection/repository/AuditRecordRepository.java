package io.dataflow.privatelink.connection.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The audit trail's table; written by {@code security/AuditTrail}. */
@ApplicationScoped
public class AuditRecordRepository implements PanacheRepositoryBase<AuditRecordEntity, Long> {
}
