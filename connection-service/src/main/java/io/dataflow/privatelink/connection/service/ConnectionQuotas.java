package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.repository.ConnectionRepository;
import io.dataflow.privatelink.connection.service.QuotaAdmission.Counts;
import io.dataflow.privatelink.connection.service.QuotaAdmission.Limits;
import io.dataflow.privatelink.connection.service.QuotaAdmission.Refusal;
import io.dataflow.privatelink.connection.service.QuotaAdmission.Request;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Connections per cluster and per project ({@code plc.quotas}), counted exactly however many creates race:
 * a group of creates ({@link GroupedCreates}) first takes the quota lock of each of its clusters and
 * projects, then counts their connections and admits creates up to the limits ({@link QuotaAdmission}),
 * all in the group's transaction. Another instance's group on the same cluster or project waits for the lock
 * and then counts what this one committed. A connection counts from its create until the worker reports it
 * deleted (its row is removed then); DELETING still holds the cloud's endpoint, and counts.
 */
@ApplicationScoped
public class ConnectionQuotas {

    private final ConnectionRepository connections;
    private final Limits limits;

    ConnectionQuotas(ConnectionServiceConfig config, ConnectionRepository connections) {
        this.connections = connections;
        ConnectionServiceConfig.Quotas quotas = config.quotas();
        this.limits = new Limits(quotas.connectionsPerCluster(), quotas.connectionsPerProject(),
                quotas.clusterLimits(), quotas.projectLimits());
    }

    /**
     * Inside the group's transaction, before anything is written: locks the requests' clusters and projects,
     * counts their connections and decides, for each request in order, whether it fits (empty) or which limit
     * refuses it. The locks are held until the transaction ends, so what it then writes is counted by the next.
     */
    public Uni<List<Optional<Refusal>>> admit(List<Request> requests) {
        Set<String> scopes = new TreeSet<>();
        Set<String> projects = new TreeSet<>();
        for (Request request : requests) {
            scopes.add(clusterScope(request.clusterId()));
            scopes.add(projectScope(request.projectId()));
            projects.add(request.projectId());
        }
        return connections.lockQuotaScopes(scopes)
                .chain(() -> counts(projects))
                .map(counts -> QuotaAdmission.admit(requests, counts, limits));
    }

    /** The cluster's and its project's limits and connections now (a reading: no lock). */
    public Uni<GetQuotaResponse> quotaOf(ClusterPlacement cluster) {
        return Panache.withSession(() -> counts(Set.of(cluster.projectId()))).map(counts -> new GetQuotaResponse(
                new GetQuotaResponse.ClusterQuota(cluster.clusterId(), limits.ofCluster(cluster.clusterId()),
                        counts.ofCluster(cluster.clusterId())),
                new GetQuotaResponse.ProjectQuota(cluster.projectId(), limits.ofProject(cluster.projectId()),
                        counts.ofProject(cluster.projectId()))));
    }

    private Uni<Counts> counts(Set<String> projects) {
        return connections.countByProjectAndCluster(new ArrayList<>(projects)).map(rows -> {
            Map<String, Long> byCluster = new HashMap<>();
            Map<String, Long> byProject = new HashMap<>();
            for (Object[] row : rows) {
                long count = ((Number) row[2]).longValue();
                byCluster.merge((String) row[1], count, Long::sum);
                byProject.merge((String) row[0], count, Long::sum);
            }
            return new Counts(byCluster, byProject);
        });
    }

    /**
     * The quota lock's scope of a cluster (what {@link ConnectionRepository#lockQuotaScopes} locks); prefixed, so
     * no cluster id is taken for a project's. Public for tests that play another instance holding the lock.
     */
    public static String clusterScope(String clusterId) {
        return "plc.quota/cluster/" + clusterId;
    }

    /** The quota lock's scope of a project. */
    public static String projectScope(String projectId) {
        return "plc.quota/project/" + projectId;
    }
}
