package io.dataflow.privatelink.connection.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Who did what, when, and how it ended (table {@code audit_record}). */
@Entity
@Table(name = "audit_record")
public class AuditRecordEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    public Instant at;

    /** The token's subject; null when the caller was not authenticated. */
    public String subject;

    /** e.g. {@code POST /v1beta1/clusters/{clusterId}/privateLinkConnections}. */
    public String action;

    @Column(name = "cluster_id")
    public String clusterId;

    /** The connection the command named, when it named one. */
    public String target;

    /** ACCEPTED or REFUSED. */
    public String outcome;

    @Column(name = "http_status")
    public int httpStatus;

    /** The google.rpc code of a refusal. */
    public Integer code;

    public String message;
}
