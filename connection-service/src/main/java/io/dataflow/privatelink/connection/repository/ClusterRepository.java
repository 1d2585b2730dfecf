package io.dataflow.privatelink.connection.repository;

import io.dataflow.privatelink.connection.domain.Cluster;
import io.dataflow.privatelink.contract.CloudProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cluster registry table. */
@ApplicationScoped
public class ClusterRepository {

    private final DataSource dataSource;

    ClusterRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public void upsert(Cluster cluster) {
        String[] subnets = cluster.azIds().stream().map(az -> cluster.subnetIdsByAz().get(az)).toArray(String[]::new);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     INSERT INTO cluster (cluster_id, project_id, provider, region, account_id, vpc_id, az_ids,
                                          subnet_ids, security_group_id)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                     ON CONFLICT (cluster_id) DO UPDATE SET project_id = excluded.project_id,
                       provider = excluded.provider, region = excluded.region, account_id = excluded.account_id,
                       vpc_id = excluded.vpc_id, az_ids = excluded.az_ids, subnet_ids = excluded.subnet_ids,
                       security_group_id = excluded.security_group_id""")) {
            upsert.setString(1, cluster.clusterId());
            upsert.setString(2, cluster.projectId());
            upsert.setString(3, cluster.provider().name());
            upsert.setString(4, cluster.region());
            upsert.setString(5, cluster.accountId());
            upsert.setString(6, cluster.vpcId());
            upsert.setArray(7, connection.createArrayOf("text", cluster.azIds().toArray()));
            upsert.setArray(8, connection.createArrayOf("text", subnets));
            upsert.setString(9, cluster.securityGroupId());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register cluster " + cluster.clusterId(), e);
        }
    }

    public Optional<Cluster> find(String clusterId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT * FROM cluster WHERE cluster_id = ?")) {
            select.setString(1, clusterId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read cluster " + clusterId, e);
        }
    }

    private static Cluster read(ResultSet rs) throws SQLException {
        List<String> azIds = Arrays.asList((String[]) rs.getArray("az_ids").getArray());
        String[] subnets = (String[]) rs.getArray("subnet_ids").getArray();
        Map<String, String> subnetsByAz = new LinkedHashMap<>();
        for (int i = 0; i < azIds.size(); i++) {
            subnetsByAz.put(azIds.get(i), subnets[i]);
        }
        return new Cluster(rs.getString("cluster_id"), rs.getString("project_id"),
                CloudProvider.valueOf(rs.getString("provider")), rs.getString("region"), rs.getString("account_id"),
                rs.getString("vpc_id"), List.copyOf(azIds), subnetsByAz, rs.getString("security_group_id"));
    }

    /** Remembers the cluster's latest command event (in the command's transaction). */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public void recordLastEvent(String clusterId, String eventId) {
        io.dataflow.privatelink.kit.jdbc.Jdbc.update(dataSource,
                "UPDATE cluster SET last_event_id = ? WHERE cluster_id = ?", eventId, clusterId);
    }

    public Optional<String> lastEventId(String clusterId) {
        return io.dataflow.privatelink.kit.jdbc.Jdbc.query(dataSource, rs -> rs.getString(1),
                "SELECT last_event_id FROM cluster WHERE cluster_id = ?", clusterId).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }
}
