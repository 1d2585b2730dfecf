package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.service.QuotaAdmission.Counts;
import io.dataflow.privatelink.connection.service.QuotaAdmission.Limits;
import io.dataflow.privatelink.connection.service.QuotaAdmission.Refusal;
import io.dataflow.privatelink.connection.service.QuotaAdmission.Request;
import io.dataflow.privatelink.contract.api.RpcCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Which creates of a group fit under the connection limits, one row per rule, without a database. A request
 * is {@code cluster@project}; counts and limits are {@code id=n}; each answer is {@code ok} or the limit that
 * refused it, {@code cluster n/limit} or {@code project n/limit} (the count met, of the limit).
 */
class QuotaAdmissionTest {

    static Stream<Arguments> groups() {
        return Stream.of(
                argumentSet("below both limits every create fits", "a@p a@p b@p", "", "", 10, 100, "",
                        "ok ok ok"),
                argumentSet("a group is admitted up to the cluster's limit and the rest refused, each admitted one "
                        + "counting against the next", "a@p a@p a@p a@p", "a=1", "p=1", 3, 100, "",
                        "ok ok cluster_3/3 cluster_3/3"),
                argumentSet("a cluster at its limit refuses the first create", "a@p", "a=3", "p=3", 3, 100, "",
                        "cluster_3/3"),
                argumentSet("a limit lowered under the count refuses with the count, above the limit", "a@p", "a=5",
                        "p=5", 3, 100, "", "cluster_5/3"),
                argumentSet("the project's limit counts every cluster of the project", "a@p b@p b@p", "a=2", "p=2",
                        10, 3, "", "ok project_3/3 project_3/3"),
                argumentSet("the cluster's limit is named first when both are reached", "a@p", "a=3", "p=5", 3, 5, "",
                        "cluster_3/3"),
                argumentSet("a create refused by its cluster takes no place in the project", "a@p b@p", "a=2", "p=2",
                        2, 3, "", "cluster_2/2 ok"),
                argumentSet("another project's creates count apart", "a@p c@q c@q", "a=3", "p=3", 3, 3, "",
                        "cluster_3/3 ok ok"),
                argumentSet("a cluster with a limit of its own", "a@p a@p b@p b@p", "", "", 1, 100, "cluster:b=2",
                        "ok cluster_1/1 ok ok"),
                argumentSet("a project with a limit of its own", "a@p b@q", "", "", 10, 0, "project:q=1",
                        "project_0/0 ok"),
                argumentSet("an empty group", "", "", "", 10, 100, "", ""));
    }

    @ParameterizedTest
    @MethodSource("groups")
    void admitsCreatesUpToTheLimitsInTheirOrder(String requests, String clusterCounts, String projectCounts,
                                                int perCluster, int perProject, String ownLimits, String expected) {
        List<Request> group = words(requests).stream()
                .map(r -> new Request(r.substring(0, r.indexOf('@')), r.substring(r.indexOf('@') + 1))).toList();
        Map<String, Integer> clusterLimits = new LinkedHashMap<>();
        Map<String, Integer> projectLimits = new LinkedHashMap<>();
        for (String own : words(ownLimits)) {
            String[] scopeAndLimit = own.split(":", 2);
            Map<String, Long> limit = numbers(scopeAndLimit[1]);
            limit.forEach((id, n) -> ("cluster".equals(scopeAndLimit[0]) ? clusterLimits : projectLimits)
                    .put(id, n.intValue()));
        }
        List<Optional<Refusal>> decisions = QuotaAdmission.admit(group,
                new Counts(numbers(clusterCounts), numbers(projectCounts)),
                new Limits(perCluster, perProject, clusterLimits, projectLimits));
        assertEquals(words(expected), decisions.stream().map(QuotaAdmissionTest::render).toList());
    }

    @Test
    void aRefusalSaysWhichLimitItsValueTheCountAndWhatToDoAndCarriesThemInItsDetails() {
        ConnectionQuotaExceeded cluster = new ConnectionQuotaExceeded(
                new Refusal(QuotaAdmission.Scope.CLUSTER, "1001", "project-a", 10, 10));
        assertEquals(RpcCode.RESOURCE_EXHAUSTED, cluster.code());
        assertTrue(cluster.getMessage().startsWith("Cluster 1001 has reached its limit of 10 private link connections "
                + "per cluster (it has 10), so this connection was not created. Delete connections"), cluster.getMessage());
        assertTrue(cluster.getMessage().contains("or ask the platform's operators for a higher limit"),
                cluster.getMessage());
        assertEquals("type.googleapis.com/google.rpc.QuotaFailure", cluster.details().get(0).get("@type"));
        assertEquals(Map.of("scope", "cluster", "clusterId", "1001", "projectId", "project-a", "limit", "10",
                "used", "10"), cluster.details().get(1).get("metadata"));

        ConnectionQuotaExceeded project = new ConnectionQuotaExceeded(
                new Refusal(QuotaAdmission.Scope.PROJECT, "1002", "project-a", 15, 15));
        assertTrue(project.getMessage().startsWith("Project project-a has reached its limit of 15 private link "
                + "connections per project (its clusters have 15)"), project.getMessage());
        @SuppressWarnings("unchecked") // the details' JSON form: a list of violations, each a map
        Map<String, Object> violation = ((List<Map<String, Object>>) project.details().get(0).get("violations")).get(0);
        assertEquals("projects/project-a", violation.get("subject"));
        assertEquals("ConnectionsPerProject", violation.get("quotaId"));
        assertEquals(15, violation.get("quotaValue"));
    }

    private static String render(Optional<Refusal> decision) {
        return decision.map(r -> r.scope().name().toLowerCase(java.util.Locale.ROOT) + "_" + r.used() + "/" + r.limit())
                .orElse("ok");
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
    }

    private static Map<String, Long> numbers(String text) {
        Map<String, Long> numbers = new LinkedHashMap<>();
        for (String pair : text.isBlank() ? new String[0] : text.split(",")) {
            String[] idAndNumber = pair.split("=", 2);
            numbers.put(idAndNumber[0].trim(), Long.parseLong(idAndNumber[1].trim()));
        }
        return numbers;
    }
}
