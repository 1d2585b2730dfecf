package io.dataflow.privatelink.domain;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.security.CallerClaims;
import io.dataflow.privatelink.security.testing.TestIdentityProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * domain-service verifies every caller itself (it is no longer "internal, trusted"): no token is 401,
 * another project's cluster is 404 on every route, host look-ups are open to service callers with their
 * scope, and a status stream ends when its token does, naming where to resume.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
@QuarkusTestResource(DomainServiceTokens.class)
class ApiSecurityTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URI base;

    @Test
    void nothingAnswersWithoutAValidToken() {
        String cluster = clusterWithAConnection();
        for (String route : List.of("", "/plc-x", "/plc-x/history", ":lookupHost?hostname=b0.kafka.example.com")) {
            given().header("Authorization", "").urlEncodingEnabled(false).get(path(cluster) + route).then()
                    .statusCode(401).body("code", equalTo(16));
        }
        given().header("Authorization", "Bearer not-a-jwt").get(path(cluster)).then().statusCode(401);
        String expired = TestIdentityProvider.token().projects(Map.of(DomainServiceTokens.PROJECT, Role.VIEWER))
                .issuedAt(Instant.now().minus(Duration.ofHours(2))).lifetime(Duration.ofHours(1)).sign();
        given().header("Authorization", "Bearer " + expired).get(path(cluster)).then().statusCode(401)
                .body("message", containsString("expired"));
    }

    @Test
    void anotherProjectsCallerFindsNoClusterOnAnyRoute() {
        String cluster = clusterWithAConnection();
        String outsider = "Bearer " + TestIdentityProvider.token("mallory", Map.of("project-b", Role.EDITOR));
        for (String route : List.of("", "/plc-x", "/plc-x/history", ":lookupHost?hostname=b0.kafka.example.com")) {
            notFound(given().header("Authorization", outsider).urlEncodingEnabled(false).get(path(cluster) + route).then(),
                    cluster);
        }
        given().get(path(cluster)).then().statusCode(200);
    }

    @Test
    void aServiceCallerWithTheLookUpScopeLooksUpHostsButReadsNothingElse() {
        String cluster = clusterWithAConnection();
        String service = "Bearer " + TestIdentityProvider.token().subject("changefeed-service")
                .scope(CallerClaims.LOOKUP_HOST_SCOPE).sign();

        // past the tenancy check: the host look-up's own answer (no route for that name)
        given().header("Authorization", service).get(path(cluster) + ":lookupHost?hostname=b0.kafka.example.com")
                .then().statusCode(404).body("message", org.hamcrest.Matchers.not(containsString("Cluster " + cluster)));
        notFound(given().header("Authorization", service).get(path(cluster)).then(), cluster);
    }

    @Test
    void aStatusStreamEndsWhenItsTokenExpiresNamingTheEventToResumeFrom() throws Exception {
        String cluster = clusterWithAConnection();
        String shortLived = "Bearer " + TestIdentityProvider.token().projects(Map.of(DomainServiceTokens.PROJECT, Role.VIEWER))
                .lifetime(Duration.ofSeconds(4)).sign();

        try (SseClient stream = SseClient.open(base.resolve(path(cluster) + ":watch"), null, shortLived)) {
            SseClient.Event snapshot = stream.next(Duration.ofSeconds(10));
            assertNotNull(snapshot, "the connection's snapshot");
            assertEquals("snapshot", snapshot.name());

            SseClient.Event last = stream.next(Duration.ofSeconds(15));
            assertNotNull(last, "an event when the token expired");
            assertEquals("token-expired", last.name());
            assertTrue(last.data().contains("\"lastEventId\":\"" + snapshot.id() + "\""), last.data());
            await().atMost(Duration.ofSeconds(10)).until(stream::ended);
        }
    }

    @Test
    void aStreamOfAnotherProjectsClusterIsRefused() {
        String cluster = clusterWithAConnection();
        String outsider = "Bearer " + TestIdentityProvider.token("mallory", Map.of("project-b", Role.VIEWER));
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> SseClient.open(base.resolve(path(cluster) + ":watch"), null, outsider));
        assertTrue(refused.getMessage().contains("404"), refused.getMessage());
    }

    @Test
    void aCallerHoldsAtMostTheBoundOfOpenStreamsAndGetsASlotBackWhenOneCloses() throws Exception {
        String cluster = clusterWithAConnection();
        String streamer = "Bearer " + TestIdentityProvider.token("streamer-" + UUID.randomUUID(),
                Map.of(DomainServiceTokens.PROJECT, Role.VIEWER));
        URI watch = base.resolve(path(cluster) + ":watch");
        List<SseClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(SseClient.open(watch, null, streamer));
            }
            IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> SseClient.open(watch, null, streamer));
            assertTrue(refused.getMessage().contains("429") && refused.getMessage().contains("status streams open"),
                    refused.getMessage());
            // another caller is not held back by this one's streams
            SseClient.open(watch, null, DomainServiceTokens.bearer()).close();

            open.remove(0).close();
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .until(() -> open.add(SseClient.open(watch, null, streamer)));
        } finally {
            open.forEach(SseClient::close);
        }
    }

    private static void notFound(ValidatableResponse response, String cluster) {
        response.statusCode(404).body("code", equalTo(5)).body("message", containsString("Cluster " + cluster));
    }

    /** A cluster of project "p" with one connection, projected. */
    private String clusterWithAConnection() {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        ClusterPlacement placement = new ClusterPlacement(cluster, DomainServiceTokens.PROJECT, CloudProvider.AWS, "us-east-1",
                "111111111111", "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        ConnectionRequested requested = new ConnectionRequested(id, cluster, "kafka", ConnectionType.AWS_ENDPOINT_SERVICE,
                "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "us-east-1", "alice",
                Instant.now().truncatedTo(ChronoUnit.MICROS), placement, 1);
        CloudEvent event = CloudEvent.of(EventTypes.CONNECTION_REQUESTED, "/test", id,
                Instant.now().truncatedTo(ChronoUnit.MICROS), requested);
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_REQUESTS, id, event));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(path(cluster) + "/" + id).then().statusCode(200));
        return cluster;
    }

    private static String path(String cluster) {
        return "/v1beta1/clusters/" + cluster + "/privateLinkConnections";
    }
}
