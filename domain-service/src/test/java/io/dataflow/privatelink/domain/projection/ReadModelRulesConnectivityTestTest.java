package io.dataflow.privatelink.domain.projection;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.api.ConnectivityTest;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.connectivity.CheckKind;
import io.dataflow.privatelink.contract.connectivity.ConnectivityCheck;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTarget;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectivityTestCompleted;
import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.contract.event.EventPayload;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.domain.projection.ProjectionEffects.HistoryEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * How {@link ReadModelRules} keep a connection's last connectivity test and write a finished one into the history.
 * A test's request and completion travel on different topics: every case is applied in every order of its events.
 */
class ReadModelRulesConnectivityTestTest {

    private static final String CONNECTION = "plc-conn1";
    private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");

    /** One event of a case, named for the failure message. */
    private record Step(String name, CloudEvent event, EventPayload payload) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> lastTests() {
        return Stream.of(
                argumentSet("its completion before its request: RUNNING never hides the result",
                        List.of(requested("t1", 1), completed("t1", 1, 3, ConnectivityCheck.pass(CheckKind.TCP_CONNECT,
                                "orders:9092", "use1-az1", "connected"))), "t1 PASSED"),
                argumentSet("an older request after a newer one: the newer stays",
                        List.of(requested("t1", 1), requested("t2", 2)), "t2 RUNNING"),
                argumentSet("an older test's result after a newer request: the newer test stays, running",
                        List.of(requested("t1", 1), completed("t1", 1, 5, failedTcp()), requested("t2", 2)),
                        "t2 RUNNING"),
                argumentSet("two tests, both done: the later requested one, whatever finished last",
                        List.of(requested("t1", 1), completed("t1", 1, 9, failedTcp()), requested("t2", 2),
                                completed("t2", 2, 3)), "t2 PASSED"),
                argumentSet("one test completed twice (a worker ran it again): the later completion",
                        List.of(completed("t1", 1, 3), completed("t1", 1, 4, failedTcp())), "t1 FAILED"),
                argumentSet("two tests asked at the same time: the test id decides",
                        List.of(requested("t1", 1), requested("t2", 1)), "t2 RUNNING"),
                argumentSet("a test event before the connection's own request: kept for it",
                        List.of(connectionRequested(), completed("t1", 1, 3)), "t1 PASSED"),
                argumentSet("the connection deleted: no test, whenever its events came",
                        List.of(requested("t1", 1), completed("t1", 1, 3), deleted(4)), "none"));
    }

    @ParameterizedTest
    @MethodSource("lastTests")
    void theLastTestIsKeptInEveryOrder(List<Step> steps, String kept) {
        for (List<Step> order : orders(steps)) {
            ProjectedConnection connection = new ProjectedConnection(ReadModelRules.newView(CONNECTION, "c1"), List.of());
            ProjectionEffects effects = new ProjectionEffects();
            order.forEach(step -> ReadModelRules.apply(connection, step.event(), step.payload(), effects));
            ConnectivityTest test = connection.view().connectivityTest;
            assertEquals(kept, test == null ? "none" : test.testId() + " " + test.state(), "in the order " + order);
        }
    }

    static Stream<Arguments> historyMessages() {
        return Stream.of(
                argumentSet("passed: how many checks ran",
                        completed("t1", 1, 3, ConnectivityCheck.pass(CheckKind.CONNECTION_ACTIVE, null, null, "ACTIVE"),
                                ConnectivityCheck.skipped(CheckKind.KAFKA_METADATA, null, "not asked")),
                        "Connectivity test t1 passed (2 checks)"),
                argumentSet("failed: the first failed check, its target and what was seen",
                        completed("t1", 1, 3, ConnectivityCheck.pass(CheckKind.CONNECTION_ACTIVE, null, null, "ACTIVE"),
                                failedTcp(), ConnectivityCheck.fail(CheckKind.DOMAIN_DNS, "*.u1.example", null,
                                        "no answer", "attach it")),
                        "Connectivity test t1 failed: TCP_CONNECT orders:9092: connection refused"),
                argumentSet("failed on a check about no target: the target is empty",
                        completed("t1", 1, 3, ConnectivityCheck.fail(CheckKind.CONNECTION_ACTIVE, null, null,
                                "the connection is PENDING_ACCEPTANCE", "ask the owner to accept it")),
                        "Connectivity test t1 failed: CONNECTION_ACTIVE : the connection is PENDING_ACCEPTANCE"));
    }

    @ParameterizedTest
    @MethodSource("historyMessages")
    void aFinishedTestIsOneHistoryEntryWithoutAStateOfItsOwn(Step completion, String message) {
        ProjectedConnection connection = new ProjectedConnection(ReadModelRules.newView(CONNECTION, "c1"), List.of());
        ProjectionEffects effects = new ProjectionEffects();
        ReadModelRules.apply(connection, completion.event(), completion.payload(), effects);
        assertEquals(List.of(HistoryEntry.connectivityTest(completion.event().id(), CONNECTION, message, T0.plusSeconds(3),
                "t1")), effects.history());
    }

    @Test
    void aRequestWritesNoHistory() {
        ProjectedConnection connection = new ProjectedConnection(ReadModelRules.newView(CONNECTION, "c1"), List.of());
        ProjectionEffects effects = new ProjectionEffects();
        Step request = requested("t1", 1);
        ReadModelRules.apply(connection, request.event(), request.payload(), effects);
        assertEquals(List.of(), effects.history());
    }

    @Test
    void aTestIsAChangeOfWhatGetAndTheStreamsShowButNotOfTheListsRow() {
        ProjectedConnection connection = new ProjectedConnection(ReadModelRules.newView(CONNECTION, "c1"), List.of());
        ProjectionEffects effects = new ProjectionEffects();
        for (Step step : List.of(connectionRequested(), requested("t1", 1), completed("t1", 1, 3))) {
            ReadModelRules.apply(connection, step.event(), step.payload(), effects);
        }
        List<String> shownTests = effects.changes().stream()
                .map(change -> EventJson.read(change.snapshot(), PrivateLinkConnection.class).connectivityTest())
                .map(test -> test == null ? "none" : test.testId() + " " + test.state()).toList();
        assertEquals(List.of("none", "t1 RUNNING", "t1 PASSED"), shownTests, "one change pushed per step");
        assertEquals(T0.plusSeconds(3), effects.changes().get(2).time(), "the update time is the completion's");
        assertEquals("t1 PASSED", ReadModelRules.snapshot(connection).connectivityTest().testId() + " "
                + ReadModelRules.snapshot(connection).connectivityTest().state());
        assertNull(ReadModelRules.toSnapshot(connection.view()).toApi().connectivityTest(), "list rows leave it out");
    }

    // ---- events

    private static Step connectionRequested() {
        ClusterPlacement placement = new ClusterPlacement("c1", "p", CloudProvider.AWS, "us-east-1", "111111111111",
                "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        return step("connection requested", EventTypes.CONNECTION_REQUESTED, new ConnectionRequested(CONNECTION, "c1",
                "orders", ConnectionType.AWS_ENDPOINT_SERVICE, "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
                "us-east-1", "alice", T0, placement, 1));
    }

    private static Step requested(String testId, int second) {
        return step(testId + " requested", EventTypes.CONNECTIVITY_TEST_REQUESTED, request(testId, second));
    }

    private static Step completed(String testId, int requestSecond, int completeSecond, ConnectivityCheck... checks) {
        ConnectivityTest done = request(testId, requestSecond).running().completed(List.of(checks),
                T0.plusSeconds(completeSecond));
        return step(testId + " " + done.state() + " at " + completeSecond, EventTypes.CONNECTIVITY_TEST_COMPLETED,
                new ConnectivityTestCompleted(CONNECTION, "c1", done, 2));
    }

    private static Step deleted(int second) {
        return step("deleted", EventTypes.CONNECTION_DELETED, new ConnectionDeleted(CONNECTION, "c1",
                T0.plusSeconds(second), 9));
    }

    private static ConnectivityTestRequested request(String testId, int second) {
        return new ConnectivityTestRequested(CONNECTION, "c1", ConnectionType.AWS_ENDPOINT_SERVICE, testId,
                List.of(new ConnectivityTarget("orders", 9092)), 9092, false, "alice", T0.plusSeconds(second), 2);
    }

    private static ConnectivityCheck failedTcp() {
        return ConnectivityCheck.fail(CheckKind.TCP_CONNECT, "orders:9092", "use1-az1", "connection refused",
                "open the port");
    }

    private static Step step(String name, String type, EventPayload payload) {
        CloudEvent event = CloudEvent.of(type, "/test", CONNECTION, T0, payload);
        return new Step(name, event, payload);
    }

    /** Every order of the steps. */
    private static List<List<Step>> orders(List<Step> steps) {
        if (steps.size() <= 1) {
            return List.of(steps);
        }
        List<List<Step>> orders = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            List<Step> rest = new ArrayList<>(steps);
            Step first = rest.remove(i);
            for (List<Step> tail : orders(rest)) {
                List<Step> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                orders.add(order);
            }
        }
        return orders;
    }
}
