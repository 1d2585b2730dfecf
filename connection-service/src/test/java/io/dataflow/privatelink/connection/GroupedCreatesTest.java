package io.dataflow.privatelink.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.privatelink.connection.service.GroupedCreates;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Group commit of creates: the creates that arrive while one group is written go together into the next
 * transaction, and each still gets its own answer. To make the groups deterministic, the test holds the
 * cluster's row locked (a create's insert waits for it: the foreign key), so that the first create's
 * transaction waits while the others arrive.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "connection_service"))
@QuarkusTestResource(TestTokens.class)
class GroupedCreatesTest {

    private static final String AWS_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    @Inject
    GroupedCreates creates;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void createsArrivingWhileAGroupIsWrittenCommitTogetherInTheNextTransaction() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long auditedBefore = Sql.count("SELECT count(*) FROM audit_record WHERE outcome = 'ACCEPTED'");
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        SqlConnection lock = lockCluster("1001");
        try {
            answers.add(create("first-" + run, null));
            awaitACreateWaitingForTheLock();
            for (int i = 0; i < 20; i++) {
                answers.add(create("next-" + run + "-" + i, UUID.randomUUID().toString()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> creates.waiting() == 20);
        } finally {
            release(lock);
        }
        List<String> ids = new ArrayList<>();
        for (var answer : answers) {
            HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            ids.add(JSON.readTree(response.body()).path("privateLinkConnectionId").asText());
        }
        assertEquals(21, ids.stream().distinct().count(), "each create has its own connection: " + ids);
        // Rows written by one transaction share its id (xmin): the first alone, the twenty in one more.
        String first = Sql.text("SELECT xmin::text FROM connection WHERE connection_id = ?1", ids.get(0));
        List<String> next = Sql.texts("SELECT DISTINCT xmin::text FROM connection WHERE display_name LIKE ?1",
                "next-" + run + "-%");
        assertEquals(1, next.size(), "the twenty waiting creates were written in one transaction: " + next);
        assertNotEquals(first, next.get(0), "the first create was written alone, at once");
        assertEquals(0, Sql.count("SELECT count(*) FROM idempotency_key WHERE connection_id = ?1", ids.get(0)));
        for (String id : ids.subList(1, ids.size())) {
            assertEquals(1, Sql.count("SELECT count(*) FROM idempotency_key WHERE connection_id = ?1", id),
                    "every keyed create of the group recorded its key: " + id);
        }
        assertEquals(auditedBefore + 21, Sql.count("SELECT count(*) FROM audit_record WHERE outcome = 'ACCEPTED'"),
                "each create of a group has its audit record");
    }

    @Test
    void aGroupWithAKeyUsedBeforeIsWrittenOneByOneSoThatEachCreateGetsItsOwnAnswer() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> original = create("original-" + run, key).get(30, TimeUnit.SECONDS);
        assertEquals(200, original.statusCode(), original.body());
        String originalId = JSON.readTree(original.body()).path("privateLinkConnectionId").asText();

        CompletableFuture<HttpResponse<String>> alone;
        CompletableFuture<HttpResponse<String>> newOne;
        CompletableFuture<HttpResponse<String>> retry;
        CompletableFuture<HttpResponse<String>> misuse;
        CompletableFuture<HttpResponse<String>> anotherNewOne;
        SqlConnection lock = lockCluster("1001");
        try {
            alone = create("alone-" + run, null);
            awaitACreateWaitingForTheLock();
            newOne = create("new-" + run, UUID.randomUUID().toString());
            retry = create("original-" + run, key);
            misuse = create("other-" + run, key);
            anotherNewOne = create("new-" + run, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> creates.waiting() == 4);
        } finally {
            release(lock);
        }
        assertEquals(200, alone.get(30, TimeUnit.SECONDS).statusCode());
        JsonNode created = JSON.readTree(answered(newOne, 200));
        assertNotEquals(originalId, created.path("privateLinkConnectionId").asText());
        JSON.readTree(answered(anotherNewOne, 200));
        assertEquals(originalId, JSON.readTree(answered(retry, 200)).path("privateLinkConnectionId").asText(),
                "the retry got the first answer");
        assertEquals(3, JSON.readTree(answered(misuse, 400)).path("code").asInt(), "a key reused for another request");
        assertEquals(1, Sql.count("SELECT count(*) FROM connection WHERE display_name = ?1", "original-" + run));
        assertEquals(2, Sql.count("SELECT count(*) FROM connection WHERE display_name = ?1", "new-" + run));
        assertEquals(0, Sql.count("SELECT count(*) FROM connection WHERE display_name = ?1", "other-" + run));
    }

    private static String answered(CompletableFuture<HttpResponse<String>> answer, int status) throws Exception {
        HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
        assertEquals(status, response.statusCode(), response.body());
        return response.body();
    }

    private CompletableFuture<HttpResponse<String>> create(String displayName, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1beta1/clusters/1001/privateLinkConnections"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.editorOfProjectA())
                .POST(HttpRequest.BodyPublishers.ofString(
                        ConnectionCommandsTest.createBody(displayName, "AWS_ENDPOINT_SERVICE", AWS_SERVICE)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Holds the cluster's row as an update would: a connection's insert checks its foreign key and waits. */
    private SqlConnection lockCluster(String clusterId) {
        SqlConnection connection = pool.getConnection().await().indefinitely();
        connection.query("BEGIN").execute().await().indefinitely();
        connection.query("SELECT 1 FROM cluster WHERE cluster_id = '" + clusterId + "' FOR UPDATE").execute()
                .await().indefinitely();
        return connection;
    }

    private static void release(SqlConnection lock) {
        try {
            lock.query("COMMIT").execute().await().indefinitely();
        } finally {
            lock.close().await().indefinitely();
        }
    }

    private static void awaitACreateWaitingForTheLock() {
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO connection%'") == 1);
    }
}
