package io.dataflow.privatelink.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The browser's status stream: the same events as SSE, as WebSocket text messages. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
@QuarkusTestResource(DomainServiceTokens.class)
class StatusWebSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URI base;

    /**
     * A caller of its own: streams other test classes opened with the shared token and the server has not
     * seen close yet must not count against this class's (a caller holds at most five here).
     */
    private static final String SUBJECT = "websocket-" + UUID.randomUUID();

    private static String caller() {
        return "Bearer " + io.dataflow.privatelink.security.testing.TestIdentityProvider.token(SUBJECT,
                Map.of(DomainServiceTokens.PROJECT, io.dataflow.privatelink.contract.auth.Role.VIEWER));
    }

    @Test
    void carriesTheSnapshotThenEachChangeAndResumesAfterLastEventId() throws Exception {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, requested(cluster, id));

        Messages first = open(cluster, "");
        JsonNode snapshot = first.next();
        assertEquals("snapshot", snapshot.path("event").asText(), snapshot.toString());
        assertEquals("CREATING", snapshot.path("data").path("state").asText());
        change(cluster, id, ConnectionState.PENDING_ACCEPTANCE);
        JsonNode pending = first.next();
        assertEquals("PENDING_ACCEPTANCE", pending.path("data").path("state").asText());
        first.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(30, TimeUnit.SECONDS);

        change(cluster, id, ConnectionState.ACTIVE);
        Messages resumed = open(cluster, "?lastEventId=" + pending.path("id").asText());
        assertEquals("ACTIVE", resumed.next().path("data").path("state").asText());
        resumed.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(30, TimeUnit.SECONDS);
    }

    @Test
    void aBadResumePointGetsTheErrorBody() throws Exception {
        JsonNode error = open("c-" + UUID.randomUUID(), "?lastEventId=yesterday").next();
        assertEquals(3, error.path("code").asInt());
    }

    private Messages open(String cluster, String query) throws Exception {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws")
                + "v1beta1/ws/clusters/" + cluster + "/privateLinkConnections" + query);
        Messages messages = new Messages();
        messages.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", caller()).buildAsync(uri, messages)
                .get(30, TimeUnit.SECONDS);
        return messages;
    }

    private static final class Messages implements WebSocket.Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        JsonNode next() throws Exception {
            String message = received.poll(20, TimeUnit.SECONDS);
            assertNotNull(message, "no message within 20 s");
            return JSON.readTree(message);
        }
    }

    private void change(String cluster, String id, ConnectionState state) {
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id, new ConnectionStateChanged(id, cluster,
                state, null, "vpce-0ws", List.of("use1-az1"), now(), TestVersions.next()));
    }

    private void send(String topic, String type, String id, Object payload) {
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(topic, id, CloudEvent.of(type, "/test", id, now(),
                payload)));
    }

    private static ConnectionRequested requested(String cluster, String id) {
        ClusterPlacement placement = new ClusterPlacement(cluster, "p", CloudProvider.AWS, "us-east-1", "111111111111",
                "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        return new ConnectionRequested(id, cluster, "ws", ConnectionType.AWS_ENDPOINT_SERVICE,
                "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "us-east-1", "alice", now(), placement, TestVersions.next());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
