package io.dataflow.privatelink.domain.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A name of the host routing table and the attachment serving it (table {@code domain_route}). */
@Entity
@Table(name = "domain_route")
@IdClass(DomainRouteEntity.Key.class)
public class DomainRouteEntity {

    @Id
    public String name;

    @Id
    @Column(name = "attach_domain_id")
    public String attachDomainId;

    @Column(name = "connection_id")
    public String connectionId;

    @Column(name = "cluster_id")
    public String clusterId;

    /** The primary key: a name re-attached elsewhere has a row per attachment for a while. */
    public static class Key implements Serializable {
        public String name;
        public String attachDomainId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(name, key.name)
                    && Objects.equals(attachDomainId, key.attachDomainId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, attachDomainId);
        }
    }
}
