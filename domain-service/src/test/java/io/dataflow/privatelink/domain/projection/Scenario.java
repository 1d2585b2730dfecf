package io.dataflow.privatelink.domain.projection;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.FailureReason;
import io.dataflow.privatelink.contract.api.ConnectivityTest;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.connectivity.CheckKind;
import io.dataflow.privatelink.contract.connectivity.ConnectivityCheck;
import io.dataflow.privatelink.contract.domains.DomainRecord;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.domains.DomainType;
import io.dataflow.privatelink.contract.domains.RecordTarget;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRenamed;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.ConnectivityTestCompleted;
import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.DomainDetachRequested;
import io.dataflow.privatelink.contract.event.DomainDetached;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import io.dataflow.privatelink.contract.event.EventContract;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.kit.messaging.InboundEvent;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A scripted story of one or more connections, as the two producers would write it: the request topic
 * (connection-service's commands, in order) and the state topic (the workers' reports, in order, each
 * with its version). {@link #interleaving} deals them into one stream in a random order that keeps each
 * topic's own order, the only order Kafka promises between them.
 */
public final class Scenario {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    /** The display name every request gives (ReadersView shows a name only when a rename changed it). */
    static final String REQUESTED_NAME = "name-";
    private static final String SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

    public final String name;
    private final String run;
    final List<InboundEvent> requests = new ArrayList<>();
    final List<InboundEvent> states = new ArrayList<>();
    private int seconds;
    private long version;
    /** Each connectivity test as its request asked it, for the worker's completion to carry. */
    private final Map<String, ConnectivityTest> testsAsked = new HashMap<>();

    /**
     * A story: what the producers write, given a builder whose ids are unique to one run, and what readers
     * must see at its end ({@link ReadersView}, ids without the run's suffix), whatever the interleaving.
     */
    public record Story(String name, java.util.function.Consumer<Scenario> script, String expected) {

        public Story(String name, java.util.function.Consumer<Scenario> script, String... readersSee) {
            this(name, script, String.join("\n", readersSee) + "\n");
        }

        /** The story's events for one run: every id (connection, attachment, unique name) ends with {@code run}. */
        public Scenario forRun(String run) {
            Scenario scenario = new Scenario(name, run);
            script.accept(scenario);
            return scenario;
        }
    }

    private Scenario(String name, String run) {
        this.name = name;
        this.run = run;
    }

    /** An id of this run. */
    public String id(String logical) {
        return logical + run;
    }

    // ---- the request topic (connection-service)

    public Scenario requested(String logical) {
        String connection = id(logical);
        ClusterPlacement placement = new ClusterPlacement("c1", "p", CloudProvider.AWS, "us-east-1", "111111111111",
                "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        return request(EventTypes.CONNECTION_REQUESTED, connection, new ConnectionRequested(connection, "c1",
                REQUESTED_NAME + connection, ConnectionType.AWS_ENDPOINT_SERVICE, SERVICE, "us-east-1", "alice", tick(),
                placement, 1));
    }

    /** connection-service renames the connection; {@code version} is the connection's command count then. */
    public Scenario renamed(String logical, String displayName, long version) {
        String connection = id(logical);
        return request(EventTypes.CONNECTION_RENAMED, connection, new ConnectionRenamed(connection, "c1",
                ConnectionType.AWS_ENDPOINT_SERVICE, displayName, "carol", tick(), version));
    }

    public Scenario deletionRequested(String logical) {
        String connection = id(logical);
        return request(EventTypes.CONNECTION_DELETION_REQUESTED, connection, new ConnectionDeletionRequested(
                connection, "c1", ConnectionType.AWS_ENDPOINT_SERVICE, "bob", tick(), 2));
    }

    public Scenario attachRequested(String logicalConnection, String logicalAttachment, String logicalUnique) {
        String connection = id(logicalConnection);
        String attachment = id(logicalAttachment);
        String unique = id(logicalUnique);
        String zone = unique + ".aws.plc.tidbcloud.com";
        List<DomainRecord> records = List.of(new DomainRecord("*.use1-az1." + zone, new RecordTarget("use1-az1")));
        return request(EventTypes.DOMAIN_ATTACH_REQUESTED, connection, new DomainAttachRequested(attachment,
                connection, "c1", ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED, unique, zone,
                records, "alice", tick(), 3));
    }

    public Scenario detachRequested(String logicalConnection, String logicalAttachment) {
        String connection = id(logicalConnection);
        String attachment = id(logicalAttachment);
        return request(EventTypes.DOMAIN_DETACH_REQUESTED, connection, new DomainDetachRequested(attachment,
                connection, "c1", ConnectionType.AWS_ENDPOINT_SERVICE, "bob", tick(), 4));
    }

    /** connection-service asks for a connectivity test of the connection's attached names on 9092. */
    public Scenario testRequested(String logical, String logicalTest) {
        String connection = id(logical);
        ConnectivityTestRequested request = new ConnectivityTestRequested(connection, "c1",
                ConnectionType.AWS_ENDPOINT_SERVICE, id(logicalTest), List.of(), 9092, false, "alice", tick(), 5);
        testsAsked.put(request.testId(), request.running());
        return request(EventTypes.CONNECTIVITY_TEST_REQUESTED, connection, request);
    }

    // ---- the state topic (the workers)

    /** The worker ran the test (asked before in the script) and reports each check's verdict. */
    public Scenario testCompleted(String logical, String logicalTest, ConnectivityCheck... checks) {
        String connection = id(logical);
        ConnectivityTest done = testsAsked.get(id(logicalTest)).completed(List.of(checks), tick());
        return report(EventTypes.CONNECTIVITY_TEST_COMPLETED, connection, new ConnectivityTestCompleted(connection,
                "c1", done, 5));
    }

    /** A check that passed. */
    public static ConnectivityCheck passed(CheckKind kind, String target, String observed) {
        return ConnectivityCheck.pass(kind, target, null, observed);
    }

    /** A check that failed. */
    public static ConnectivityCheck failed(CheckKind kind, String target, String observed) {
        return ConnectivityCheck.fail(kind, target, null, observed, "change it");
    }

    public Scenario state(String logical, ConnectionState state, String message) {
        String connection = id(logical);
        return report(EventTypes.CONNECTION_STATE_CHANGED, connection, new ConnectionStateChanged(connection, "c1",
                state, message, state == ConnectionState.CREATING ? null : "vpce-" + connection,
                List.of("use1-az1"), tick(), ++version));
    }

    /** The worker reports the connection FAILED, saying why. */
    public Scenario failed(String logical, FailureReason reason, String message) {
        String connection = id(logical);
        return report(EventTypes.CONNECTION_STATE_CHANGED, connection, new ConnectionStateChanged(connection, "c1",
                ConnectionState.FAILED, message, "vpce-" + connection, List.of("use1-az1"), tick(), ++version, reason,
                null));
    }

    /** The worker reports the connection waiting for its owner until {@code deadline}. */
    public Scenario pendingUntil(String logical, Instant deadline) {
        String connection = id(logical);
        return report(EventTypes.CONNECTION_STATE_CHANGED, connection, new ConnectionStateChanged(connection, "c1",
                ConnectionState.PENDING_ACCEPTANCE, null, "vpce-" + connection, List.of("use1-az1"), tick(), ++version,
                null, deadline));
    }

    public Scenario deleted(String logical) {
        String connection = id(logical);
        return report(EventTypes.CONNECTION_DELETED, connection, new ConnectionDeleted(connection, "c1", tick(),
                ++version));
    }

    public Scenario domainState(String logicalConnection, String logicalAttachment, String logicalUnique,
                                DomainState state) {
        String connection = id(logicalConnection);
        String attachment = id(logicalAttachment);
        String unique = id(logicalUnique);
        String name = "*.use1-az1." + unique + ".aws.plc.tidbcloud.com";
        return report(EventTypes.DOMAIN_STATE_CHANGED, connection, new DomainStateChanged(attachment, connection,
                "c1", state, List.of(new Domain(name, state.name(), state == DomainState.FAILED ? "refused" : null)),
                tick(), ++version));
    }

    public Scenario detached(String logicalConnection, String logicalAttachment) {
        String connection = id(logicalConnection);
        String attachment = id(logicalAttachment);
        return report(EventTypes.DOMAIN_DETACHED, connection, new DomainDetached(attachment, connection, "c1",
                tick(), ++version));
    }

    /** An older report published again later, as a new event (a worker's outbox replayed after a crash). */
    public Scenario replayOfState(int index) {
        InboundEvent old = states.get(index);
        states.add(event(Topics.CONNECTION_STATE, old.type(), old.event().subject(), old.payload(),
                "s" + states.size() + "-" + run, old.event().time()));
        return this;
    }

    // ---- dealing

    /** The events in a random order that keeps each topic's own order. */
    public List<InboundEvent> interleaving(Random random) {
        List<InboundEvent> dealt = new ArrayList<>();
        int r = 0;
        int s = 0;
        while (r < requests.size() || s < states.size()) {
            boolean fromRequests = s >= states.size() || (r < requests.size() && random.nextBoolean());
            dealt.add(fromRequests ? requests.get(r++) : states.get(s++));
        }
        return dealt;
    }

    public int size() {
        return requests.size() + states.size();
    }

    private InboundEvent event(String topic, String type, String subject, Object payload, String eventId,
                               Instant time) {
        CloudEvent event = CloudEvent.of(type, "/scenario", subject, time, payload);
        event = new CloudEvent(eventId, event.type(), event.source(), event.subject(), event.time(), event.data());
        ConsumerRecord<String, String> record = new ConsumerRecord<>(topic, 0, 0, subject, event.data());
        CloudEventKafka.toRecord(topic, subject, event).headers().forEach(h -> record.headers().add(h));
        return new InboundEvent(event, EventContract.payload(event).orElseThrow(), record, null);
    }

    private Scenario request(String type, String subject, Object payload) {
        requests.add(event(Topics.CONNECTION_REQUESTS, type, subject, payload, "r" + requests.size() + "-" + run,
                T0.plusSeconds(seconds)));
        return this;
    }

    private Scenario report(String type, String subject, Object payload) {
        states.add(event(Topics.CONNECTION_STATE, type, subject, payload, "s" + states.size() + "-" + run,
                T0.plusSeconds(seconds)));
        return this;
    }

    private Instant tick() {
        return T0.plusSeconds(++seconds);
    }

    /** The stories the interleaving tests replay. */
    public static List<Story> all() {
        return List.of(
                new Story("create, accept", s -> s.requested("conn1")
                        .state("conn1", ConnectionState.PENDING_ACCEPTANCE, null)
                        .state("conn1", ConnectionState.ACTIVE, null),
                        "conn1 ACTIVE",
                        "history conn1 CREATING PENDING_ACCEPTANCE ACTIVE"),
                new Story("waiting for acceptance shows the deadline, a rejection says why", s -> s.requested("conn1")
                        .requested("conn2")
                        .pendingUntil("conn1", T0.plus(java.time.Duration.ofDays(7)))
                        .pendingUntil("conn2", T0.plus(java.time.Duration.ofDays(7)))
                        .failed("conn2", FailureReason.REJECTED_BY_OWNER, "rejected by the owner"),
                        "conn1 PENDING_ACCEPTANCE until 2026-11-08T10:00:00Z",
                        "conn2 FAILED \"rejected by the owner\" (REJECTED_BY_OWNER)",
                        "history conn1 CREATING PENDING_ACCEPTANCE",
                        "history conn2 CREATING PENDING_ACCEPTANCE FAILED"),
                new Story("a deletion absorbs the failure reason and the deadline", s -> s.requested("conn1")
                        .requested("conn2")
                        .pendingUntil("conn1", T0.plus(java.time.Duration.ofDays(7)))
                        .failed("conn2", FailureReason.ACCEPTANCE_EXPIRED, "not accepted in time")
                        .deletionRequested("conn1")
                        .deletionRequested("conn2"),
                        "conn1 DELETING",
                        "conn2 DELETING",
                        "history conn1 CREATING PENDING_ACCEPTANCE DELETING",
                        "history conn2 CREATING FAILED DELETING"),
                new Story("two renames: the later one's name stays, whatever order they arrive in", s -> s
                        .requested("conn1")
                        .renamed("conn1", "orders", 2)
                        .state("conn1", ConnectionState.ACTIVE, null)
                        .renamed("conn1", "orders-eu", 3),
                        "conn1 ACTIVE named orders-eu",
                        "history conn1 CREATING ACTIVE"),
                new Story("create, reject, delete", s -> s.requested("conn1")
                        .state("conn1", ConnectionState.PENDING_ACCEPTANCE, null)
                        .state("conn1", ConnectionState.FAILED, "rejected by the owner")
                        .deletionRequested("conn1")
                        .state("conn1", ConnectionState.DELETING, null)
                        .deleted("conn1"),
                        "conn1 gone",
                        "history conn1 CREATING PENDING_ACCEPTANCE FAILED DELETING DELETING"),
                new Story("attach, detach, delete", s -> s.requested("conn1")
                        .state("conn1", ConnectionState.ACTIVE, null)
                        .attachRequested("conn1", "att1", "u1")
                        .domainState("conn1", "att1", "u1", DomainState.ACTIVE)
                        .detachRequested("conn1", "att1")
                        .domainState("conn1", "att1", "u1", DomainState.DELETING)
                        .detached("conn1", "att1")
                        .deletionRequested("conn1")
                        .deleted("conn1"),
                        "conn1 gone",
                        "history conn1 CREATING ACTIVE DELETING"),
                new Story("late reports after a detach and a deletion", s -> s.requested("conn1")
                        .state("conn1", ConnectionState.PENDING_ACCEPTANCE, null)
                        .attachRequested("conn1", "att1", "u1")
                        .state("conn1", ConnectionState.ACTIVE, null)
                        .detachRequested("conn1", "att1")
                        .domainState("conn1", "att1", "u1", DomainState.ACTIVE)   // sent before the detach was seen
                        .deletionRequested("conn1")
                        .state("conn1", ConnectionState.ACTIVE, "still up")       // sent before the deletion was seen
                        .replayOfState(0),                                       // an old report once more
                        "conn1 DELETING | att1 u1 [DELETING]",
                        "history conn1 CREATING PENDING_ACCEPTANCE PENDING_ACCEPTANCE ACTIVE DELETING ACTIVE",
                        "route *.use1-az1.u1.aws.plc.tidbcloud.com att1"),
                new Story("a name re-attached to another connection", s -> s.requested("conn1").requested("conn2")
                        .state("conn1", ConnectionState.ACTIVE, null)
                        .state("conn2", ConnectionState.ACTIVE, null)
                        .attachRequested("conn1", "att1", "u1")
                        .domainState("conn1", "att1", "u1", DomainState.ACTIVE)
                        .detachRequested("conn1", "att1")
                        .detached("conn1", "att1")
                        .attachRequested("conn2", "att2", "u1")
                        .domainState("conn2", "att2", "u1", DomainState.ACTIVE),
                        "conn1 ACTIVE",
                        "conn2 ACTIVE | att2 u1 [ACTIVE]",
                        "history conn1 CREATING ACTIVE",
                        "history conn2 CREATING ACTIVE",
                        "route *.use1-az1.u1.aws.plc.tidbcloud.com att2"),
                new Story("deleted while creating", s -> s.requested("conn1")
                        .deletionRequested("conn1")
                        .deleted("conn1"),
                        "conn1 gone",
                        "history conn1 CREATING DELETING"),
                new Story("a domain the cloud refuses, then the connection is deleted", s -> s.requested("conn1")
                        .state("conn1", ConnectionState.ACTIVE, null)
                        .attachRequested("conn1", "att1", "u1")
                        .domainState("conn1", "att1", "u1", DomainState.FAILED)
                        .deletionRequested("conn1")
                        .detached("conn1", "att1")
                        .deleted("conn1"),
                        "conn1 gone",
                        "history conn1 CREATING ACTIVE DELETING"),
                // A completion may come before its request, an older test's events after a newer one's, a
                // completion twice: the last test shows, done; each finished test is in the history once.
                new Story("connectivity tests: the last one shows, each finished one once in the history, in the "
                        + "state it ran in", s -> s.requested("conn1")
                        .state("conn1", ConnectionState.PENDING_ACCEPTANCE, null)
                        .testRequested("conn1", "t1")
                        .testCompleted("conn1", "t1", failed(CheckKind.CONNECTION_ACTIVE, null,
                                "the connection is PENDING_ACCEPTANCE"))
                        .state("conn1", ConnectionState.ACTIVE, null)
                        .testRequested("conn1", "t2")
                        .testCompleted("conn1", "t2", passed(CheckKind.CONNECTION_ACTIVE, null, "ACTIVE"),
                                passed(CheckKind.TCP_CONNECT, "orders:9092", "connected in 3 ms"))
                        .replayOfState(3),                                       // t2's completion once more
                        "conn1 ACTIVE test t2 PASSED",
                        "history conn1 CREATING PENDING_ACCEPTANCE ACTIVE",
                        "tested conn1 PENDING_ACCEPTANCE \"Connectivity test t1 failed: CONNECTION_ACTIVE : the "
                                + "connection is PENDING_ACCEPTANCE\"",
                        "tested conn1 ACTIVE \"Connectivity test t2 passed (2 checks)\""),
                new Story("a deleted connection keeps no connectivity test; its history keeps the finished one", s -> s
                        .requested("conn1")
                        .state("conn1", ConnectionState.ACTIVE, null)
                        .testRequested("conn1", "t1")
                        .deletionRequested("conn1")
                        .testCompleted("conn1", "t1", failed(CheckKind.CONNECTION_ACTIVE, null,
                                "the connection is DELETING"))
                        .deleted("conn1"),
                        "conn1 gone",
                        "history conn1 CREATING ACTIVE DELETING",
                        "tested conn1 DELETING \"Connectivity test t1 failed: CONNECTION_ACTIVE : the connection is "
                                + "DELETING\""));
    }
}
