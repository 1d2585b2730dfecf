package io.dataflow.privatelink.connection.repository;

import io.dataflow.privatelink.contract.CloudProvider;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.List;

/** A row of the cluster registry (table {@code cluster}). */
@Entity
@Table(name = "cluster")
public class ClusterEntity {

    @Id
    @Column(name = "cluster_id")
    public String clusterId;

    @Column(name = "project_id")
    public String projectId;

    @Enumerated(EnumType.STRING)
    public CloudProvider provider;

    public String region;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "vpc_id")
    public String vpcId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "az_ids")
    public List<String> azIds;

    /** {@code subnetIds[i]} is the subnet in {@code azIds[i]}. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "subnet_ids")
    public List<String> subnetIds;

    @Column(name = "security_group_id")
    public String securityGroupId;
}
