package io.dataflow.privatelink.domain.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A cluster's project (table {@code cluster_tenancy}), as its connections' requests named it. */
@Entity
@Table(name = "cluster_tenancy")
public class ClusterTenancyEntity {

    @Id
    @Column(name = "cluster_id")
    public String clusterId;

    @Column(name = "project_id")
    public String projectId;
}
