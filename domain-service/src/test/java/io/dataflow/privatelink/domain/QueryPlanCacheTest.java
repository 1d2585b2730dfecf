package io.dataflow.privatelink.domain;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.api.ReadYourWrites;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.testing.QueryPlans;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read side's queries find their plans again (see service-kit's QueryPlanCacheTest for why this can
 * fail): projecting, reading your writes, the history, a host lookup and opening a status stream, done
 * many times, leave the query plan cache about as it was.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
@QuarkusTestResource(DomainServiceTokens.class)
class QueryPlanCacheTest {

    private static final int ROUNDS = 20;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URI base;

    @Test
    void theReadSideReusesItsQueryPlans() throws Exception {
        String cluster = "plans-" + UUID.randomUUID();
        round(cluster); // every plan made once
        int before = QueryPlans.cached();
        for (int i = 0; i < ROUNDS; i++) {
            round(cluster);
        }
        int grown = QueryPlans.cached() - before;
        assertTrue(grown < 5, "the query plan cache grew by " + grown + " plans over " + ROUNDS + " rounds");
    }

    private void round(String cluster) throws Exception {
        String id = ConnectionIds.newId();
        CloudEvent requested = send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, requested(cluster, id));
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id,
                new ConnectionStateChanged(id, cluster, ConnectionState.PENDING_ACCEPTANCE, null, "vpce-0a",
                        List.of("use1-az1"), now(), TestVersions.next()));
        String path = "/v1beta1/clusters/" + cluster + "/privateLinkConnections";
        given().header(ReadYourWrites.MIN_EVENT_HEADER, requested.id()).get(path + "/" + id).then().statusCode(200);
        given().get(path + "/" + id + "/history").then().statusCode(200);
        given().get(path + "?pageSize=5").then().statusCode(200);
        given().urlEncodingEnabled(false).get(path + ":lookupHost?hostname=db.example.com").then().statusCode(404); // no name attached
        try (SseClient stream = SseClient.open(base.resolve(path + ":watch"), null)) {
            assertNotNull(stream.next(Duration.ofSeconds(10)), "the stream starts with the cluster's connections");
        }
    }

    private CloudEvent send(String topic, String type, String id, Object payload) {
        CloudEvent event = CloudEvent.of(type, "/test", id, now(), payload);
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(topic, id, event));
        return event;
    }

    private static ConnectionRequested requested(String cluster, String id) {
        ClusterPlacement placement = new ClusterPlacement(cluster, "p", CloudProvider.AWS, "us-east-1", "111111111111",
                "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        return new ConnectionRequested(id, cluster, "plans", ConnectionType.AWS_ENDPOINT_SERVICE,
                "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "us-east-1", "alice", now(), placement,
                TestVersions.next());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
