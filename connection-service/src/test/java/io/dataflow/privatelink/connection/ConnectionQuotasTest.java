package io.dataflow.privatelink.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.privatelink.connection.service.ConnectionQuotas;
import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections per cluster and per project, as callers meet them: the limits hold however many creates race
 * (within a group and against another instance's group), a refusal is 429 RESOURCE_EXHAUSTED in the API's
 * error format and writes nothing, a connection stops counting once its worker reports it deleted, and
 * {@code :getQuota} tells limits and use. Each test makes a project and clusters of its own (the test profile's
 * limits: 10 per cluster, 15 per project); the rule's every case is QuotaAdmissionTest's.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "connection_service"))
@QuarkusTestResource(TestTokens.class)
class ConnectionQuotasTest {

    private static final String AWS_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void contract() {
        RestAssured.requestSpecification = null;
        ContractValidation.install();
    }

    @Test
    void sixtyFourParallelCreatesAtAClusterWithALimitOfTenAcceptExactlyTenAndRefuseTheRestWritingNothing()
            throws Exception {
        Tenant tenant = newTenant();
        String cluster = tenant.newCluster();
        long refusalsAuditedBefore = Sql.count("SELECT count(*) FROM audit_record WHERE cluster_id = ?1 "
                + "AND outcome = 'REFUSED' AND code = 8", cluster);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            answers.add(create(tenant, cluster, "burst-" + i, UUID.randomUUID().toString()));
        }
        int accepted = 0;
        int refused = 0;
        for (var answer : answers) {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() == 200) {
                accepted++;
                continue;
            }
            assertEquals(429, response.statusCode(), response.body());
            refused++;
            assertEquals(8, body.path("code").asInt(), response.body());
            assertTrue(body.path("message").asText().startsWith("Cluster " + cluster + " has reached its limit of 10 "
                    + "private link connections per cluster (it has 10)"), response.body());
            assertEquals("type.googleapis.com/google.rpc.QuotaFailure", body.path("details").path(0).path("@type").asText());
            assertEquals(10, body.path("details").path(0).path("violations").path(0).path("quotaValue").asInt());
            JsonNode metadata = body.path("details").path(1).path("metadata");
            assertEquals("cluster", metadata.path("scope").asText(), response.body());
            assertEquals("10", metadata.path("used").asText(), response.body());
        }
        assertEquals(10, accepted, "accepted");
        assertEquals(54, refused, "refused");
        assertEquals(10, Sql.count("SELECT count(*) FROM connection WHERE cluster_id = ?1", cluster), "rows");
        assertEquals(10, Sql.count("SELECT count(*) FROM idempotency_key WHERE cluster_id = ?1", cluster),
                "a refused create records no idempotency key");
        assertEquals(10, Sql.count("SELECT count(*) FROM audit_record WHERE cluster_id = ?1 AND outcome = 'ACCEPTED'",
                cluster), "an accepted audit record for each accepted create only");
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count("SELECT count(*) FROM audit_record "
                + "WHERE cluster_id = ?1 AND outcome = 'REFUSED' AND code = 8", cluster) == refusalsAuditedBefore + 54);
        // And as the contract says (RestAssured's responses are checked against openapi.yaml):
        tenant.as().contentType(ContentType.JSON)
                .body(ConnectionCommandsTest.createBody("one-more", "AWS_ENDPOINT_SERVICE", AWS_SERVICE))
                .post("/v1beta1/clusters/" + cluster + "/privateLinkConnections")
                .then().statusCode(429).body("code", equalTo(8))
                .body("details[1].reason", equalTo("CONNECTION_QUOTA_EXCEEDED"));
        quota(tenant, cluster).body("cluster.limit", equalTo(10)).body("cluster.used", equalTo(10));
    }

    @Test
    void theProjectsLimitCountsTheConnectionsOfAllItsClusters() throws Exception {
        Tenant tenant = newTenant();
        String first = tenant.newCluster();
        String second = tenant.newCluster();
        for (int i = 0; i < 10; i++) {
            assertEquals(200, create(tenant, first, "first-" + i, null).get(30, TimeUnit.SECONDS).statusCode());
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(200, create(tenant, second, "second-" + i, null).get(30, TimeUnit.SECONDS).statusCode());
        }
        tenant.as().contentType(ContentType.JSON)
                .body(ConnectionCommandsTest.createBody("sixteenth", "AWS_ENDPOINT_SERVICE", AWS_SERVICE))
                .post("/v1beta1/clusters/" + second + "/privateLinkConnections")
                .then().statusCode(429).body("code", equalTo(8))
                .body("message", startsWith("Project " + tenant.project + " has reached its limit of 15 private link "
                        + "connections per project (its clusters have 15)"))
                .body("details[0].violations[0].subject", equalTo("projects/" + tenant.project))
                .body("details[1].metadata.scope", equalTo("project"))
                .body("details[1].metadata.limit", equalTo("15"))
                .body("details[1].metadata.used", equalTo("15"));
        assertEquals(5, Sql.count("SELECT count(*) FROM connection WHERE cluster_id = ?1", second));
        quota(tenant, second)
                .body("cluster.clusterId", equalTo(second)).body("cluster.limit", equalTo(10))
                .body("cluster.used", equalTo(5))
                .body("project.projectId", equalTo(tenant.project)).body("project.limit", equalTo(15))
                .body("project.used", equalTo(15));
    }

    @Test
    void aDeletedConnectionCountsUntilItsWorkerReportsItGoneAndThenFreesItsPlace() throws Exception {
        Tenant tenant = newTenant();
        String cluster = tenant.newCluster();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(idOf(create(tenant, cluster, "c-" + i, null)));
        }
        String deleted = ids.get(3);
        tenant.as().delete("/v1beta1/clusters/" + cluster + "/privateLinkConnections/" + deleted)
                .then().statusCode(200).body("state", equalTo("DELETING"));
        assertEquals(429, create(tenant, cluster, "while-deleting", null).get(30, TimeUnit.SECONDS).statusCode(),
                "a DELETING connection still holds its endpoint, and counts");

        CloudEvent gone = CloudEvent.of(EventTypes.CONNECTION_DELETED, "/test/worker", deleted, Instant.now(),
                new ConnectionDeleted(deleted, cluster, Instant.now(), 2));
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_STATE, deleted, gone));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count("SELECT count(*) FROM connection WHERE connection_id = ?1", deleted) == 0);
        quota(tenant, cluster).body("cluster.used", equalTo(9));

        assertEquals(200, create(tenant, cluster, "in-its-place", null).get(30, TimeUnit.SECONDS).statusCode());
        assertEquals(429, create(tenant, cluster, "one-too-many", null).get(30, TimeUnit.SECONDS).statusCode());
        assertEquals(10, Sql.count("SELECT count(*) FROM connection WHERE cluster_id = ?1", cluster));
    }

    @Test
    void aRetryOfAnAcceptedCreateGetsItsAnswerAtTheLimitAndARefusedKeyCanSucceedLater() throws Exception {
        Tenant tenant = newTenant();
        String cluster = tenant.newCluster();
        String key = UUID.randomUUID().toString();
        String original = idOf(create(tenant, cluster, "keyed", key));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ids.add(idOf(create(tenant, cluster, "filler-" + i, null)));
        }

        HttpResponse<String> retry = create(tenant, cluster, "keyed", key).get(30, TimeUnit.SECONDS);
        assertEquals(200, retry.statusCode(), "the retry of an accepted create is answered, not refused: " + retry.body());
        assertEquals(original, JSON.readTree(retry.body()).path("privateLinkConnectionId").asText());
        HttpResponse<String> misuse = create(tenant, cluster, "another", key).get(30, TimeUnit.SECONDS);
        assertEquals(400, misuse.statusCode(), "the key reused for another request: " + misuse.body());

        String refusedKey = UUID.randomUUID().toString();
        assertEquals(429, create(tenant, cluster, "later", refusedKey).get(30, TimeUnit.SECONDS).statusCode());
        assertEquals(0, Sql.count("SELECT count(*) FROM idempotency_key WHERE cluster_id = ?1 AND idempotency_key = ?2",
                cluster, refusedKey), "a refused create records no key");
        String deleted = ids.get(0);
        tenant.as().delete("/v1beta1/clusters/" + cluster + "/privateLinkConnections/" + deleted).then().statusCode(200);
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_STATE, deleted,
                CloudEvent.of(EventTypes.CONNECTION_DELETED, "/test/worker", deleted, Instant.now(),
                        new ConnectionDeleted(deleted, cluster, Instant.now(), 2))));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count("SELECT count(*) FROM connection WHERE connection_id = ?1", deleted) == 0);
        HttpResponse<String> later = create(tenant, cluster, "later", refusedKey).get(30, TimeUnit.SECONDS);
        assertEquals(200, later.statusCode(), "the refused request, retried with its key once a place is free: "
                + later.body());
        assertEquals(10, Sql.count("SELECT count(*) FROM connection WHERE cluster_id = ?1", cluster));
    }

    /**
     * Another instance (played here by a connection of the test) writing a group into the same cluster holds the
     * cluster's quota lock until it commits: this instance's create waits for it, then counts what it wrote.
     */
    @Test
    void aCreateWaitsForAnotherInstancesGroupOnTheClusterAndCountsWhatThatGroupCommitted() throws Exception {
        Tenant tenant = newTenant();
        String cluster = tenant.newCluster();
        SqlConnection other = pool.getConnection().await().indefinitely();
        CompletableFuture<HttpResponse<String>> mine;
        try {
            other.query("BEGIN").execute().await().indefinitely();
            other.preparedQuery("""
                            SELECT pg_advisory_xact_lock(k)
                            FROM (SELECT DISTINCT hashtextextended(s, 0) AS k FROM unnest($1::text[]) AS s ORDER BY k) o""")
                    .execute(Tuple.of(new String[] {ConnectionQuotas.clusterScope(cluster),
                            ConnectionQuotas.projectScope(tenant.project)}))
                    .await().indefinitely();
            other.preparedQuery("""
                            INSERT INTO connection (connection_id, cluster_id, display_name, type, service_name,
                                                    service_region, state, created_by, create_time)
                            SELECT 'plc-other' || g || $2, $1, 'other-instance', 'AWS_ENDPOINT_SERVICE', $3,
                                   'us-east-1', 'CREATING', 'someone', now()
                            FROM generate_series(1, 10) AS g""")
                    .execute(Tuple.of(cluster, UUID.randomUUID().toString().substring(0, 8), AWS_SERVICE))
                    .await().indefinitely();
            mine = create(tenant, cluster, "mine", null);
            await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory' "
                    + "AND query LIKE '%pg_advisory_xact_lock%'") == 1);
            other.query("COMMIT").execute().await().indefinitely();
        } finally {
            other.close().await().indefinitely();
        }
        HttpResponse<String> answer = mine.get(30, TimeUnit.SECONDS);
        assertEquals(429, answer.statusCode(), answer.body());
        assertEquals("10", JSON.readTree(answer.body()).path("details").path(1).path("metadata").path("used").asText());
        assertEquals(10, Sql.count("SELECT count(*) FROM connection WHERE cluster_id = ?1", cluster));
    }

    @Test
    void getQuotaTellsLimitsAndUseToViewersAndAnotherTenantsClusterIsNotFound() throws Exception {
        Tenant tenant = newTenant();
        String cluster = tenant.newCluster();
        for (int i = 0; i < 3; i++) {
            create(tenant, cluster, "q-" + i, null).get(30, TimeUnit.SECONDS);
        }
        String viewer = TestTokens.token("viewer@example.com", Map.of(tenant.project, Role.VIEWER));
        given().header("Authorization", "Bearer " + viewer).urlEncodingEnabled(false)
                .get("/v1beta1/clusters/" + cluster + "/privateLinkConnections:getQuota")
                .then().statusCode(200)
                .body("cluster.clusterId", equalTo(cluster)).body("cluster.limit", equalTo(10))
                .body("cluster.used", equalTo(3))
                .body("project.projectId", equalTo(tenant.project)).body("project.limit", equalTo(15))
                .body("project.used", equalTo(3));

        String foreign = given().header("Authorization", "Bearer " + TestTokens.editorOfProjectA())
                .urlEncodingEnabled(false).get("/v1beta1/clusters/" + cluster + "/privateLinkConnections:getQuota")
                .then().statusCode(404).body("code", equalTo(5)).extract().path("message");
        String missing = given().header("Authorization", "Bearer " + TestTokens.editorOfProjectA())
                .urlEncodingEnabled(false).get("/v1beta1/clusters/9999/privateLinkConnections:getQuota")
                .then().statusCode(404).extract().path("message");
        assertEquals(missing.replace("9999", cluster), foreign, "another tenant's cluster answers as a missing one");

        // A cluster with a limit of its own (the fixtures' clusters are exempt in tests: plc.quotas.cluster-limits)
        given().header("Authorization", "Bearer " + TestTokens.editorOfProjectA()).urlEncodingEnabled(false)
                .get("/v1beta1/clusters/1001/privateLinkConnections:getQuota")
                .then().statusCode(200).body("cluster.limit", equalTo(1_000_000));
    }

    private ValidatableResponse quota(Tenant tenant, String cluster) {
        return tenant.as().urlEncodingEnabled(false)
                .get("/v1beta1/clusters/" + cluster + "/privateLinkConnections:getQuota").then().statusCode(200);
    }

    private CompletableFuture<HttpResponse<String>> create(Tenant tenant, String cluster, String displayName,
                                                           String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        base.resolve("/v1beta1/clusters/" + cluster + "/privateLinkConnections"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tenant.token)
                .POST(HttpRequest.BodyPublishers.ofString(
                        ConnectionCommandsTest.createBody(displayName, "AWS_ENDPOINT_SERVICE", AWS_SERVICE)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String idOf(CompletableFuture<HttpResponse<String>> answer) throws Exception {
        HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("privateLinkConnectionId").asText();
    }

    private static Tenant newTenant() {
        String project = "quota-" + UUID.randomUUID().toString().substring(0, 8);
        return new Tenant(project, TestTokens.token("quota@example.com", Map.of(project, Role.EDITOR)));
    }

    /** A project of its own, with an editor's token; its clusters are registered as the platform registers them. */
    private record Tenant(String project, String token) {

        String newCluster() {
            String id = "q-" + UUID.randomUUID().toString().substring(0, 13);
            Sql.execute("""
                    INSERT INTO cluster (cluster_id, project_id, provider, region, account_id, vpc_id, az_ids, subnet_ids,
                                         security_group_id)
                    VALUES (?1, ?2, 'AWS', 'us-east-1', '111111111111', 'vpc-0quota', ARRAY['use1-az1'],
                            ARRAY['subnet-0quota1'], 'sg-0quota')""", id, project);
            return id;
        }

        io.restassured.specification.RequestSpecification as() {
            return given().header("Authorization", "Bearer " + token);
        }
    }
}
