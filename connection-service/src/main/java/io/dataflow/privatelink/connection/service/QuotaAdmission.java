package io.dataflow.privatelink.connection.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connection quotas as a rule (pure): which creates of a group fit under the limits of their cluster
 * and of its project, given how many connections each has now. The creates are taken in their order and
 * each one admitted takes its place before the next is looked at, so a group never admits past a limit;
 * the cluster's limit is looked at first. {@link ConnectionQuotas} applies it under the scopes' locks.
 */
public final class QuotaAdmission {

    private QuotaAdmission() {
    }

    /** What a limit is counted over. */
    public enum Scope {
        CLUSTER,
        PROJECT
    }

    /** What one create asks for: a place in its cluster and in that cluster's project. */
    public record Request(String clusterId, String projectId) {
    }

    /** The limits: one per cluster and one per project, each unless the id has a limit of its own. */
    public record Limits(int perCluster, int perProject, Map<String, Integer> clusters, Map<String, Integer> projects) {

        public Limits {
            clusters = Map.copyOf(clusters);
            projects = Map.copyOf(projects);
        }

        public int ofCluster(String clusterId) {
            return clusters.getOrDefault(clusterId, perCluster);
        }

        public int ofProject(String projectId) {
            return projects.getOrDefault(projectId, perProject);
        }
    }

    /** Connections counted now, by cluster and by project (an id not there has none). */
    public record Counts(Map<String, Long> byCluster, Map<String, Long> byProject) {

        public Counts {
            byCluster = Map.copyOf(byCluster);
            byProject = Map.copyOf(byProject);
        }

        public long ofCluster(String clusterId) {
            return byCluster.getOrDefault(clusterId, 0L);
        }

        public long ofProject(String projectId) {
            return byProject.getOrDefault(projectId, 0L);
        }
    }

    /** A create refused: the limit it met ({@code scope} names which), with the count it met. */
    public record Refusal(Scope scope, String clusterId, String projectId, int limit, long used) {
    }

    /** For each request, in order: empty when it is admitted, otherwise the limit that refuses it. */
    public static List<Optional<Refusal>> admit(List<Request> requests, Counts counts, Limits limits) {
        Map<String, Long> clusters = new HashMap<>(counts.byCluster());
        Map<String, Long> projects = new HashMap<>(counts.byProject());
        List<Optional<Refusal>> decisions = new ArrayList<>(requests.size());
        for (Request request : requests) {
            long inCluster = clusters.getOrDefault(request.clusterId(), 0L);
            long inProject = projects.getOrDefault(request.projectId(), 0L);
            int clusterLimit = limits.ofCluster(request.clusterId());
            int projectLimit = limits.ofProject(request.projectId());
            if (inCluster >= clusterLimit) {
                decisions.add(Optional.of(new Refusal(Scope.CLUSTER, request.clusterId(), request.projectId(),
                        clusterLimit, inCluster)));
            } else if (inProject >= projectLimit) {
                decisions.add(Optional.of(new Refusal(Scope.PROJECT, request.clusterId(), request.projectId(),
                        projectLimit, inProject)));
            } else {
                clusters.put(request.clusterId(), inCluster + 1);
                projects.put(request.projectId(), inProject + 1);
                decisions.add(Optional.empty());
            }
        }
        return decisions;
    }
}
