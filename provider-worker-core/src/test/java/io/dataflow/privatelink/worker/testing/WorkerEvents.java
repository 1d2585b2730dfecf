package io.dataflow.privatelink.worker.testing;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.domains.BaseDomains;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainPlan;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.domains.DomainType;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.DomainDetachRequested;
import io.dataflow.privatelink.contract.event.DomainDetached;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What the workers' tests do on Kafka, written once: send requests as connection-service would, and read
 * the state events a worker announced, as any consumer would.
 */
public final class WorkerEvents {

    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final java.util.concurrent.atomic.AtomicLong VERSIONS = new java.util.concurrent.atomic.AtomicLong();

    /** A producer version for an event a test sends: each later than the one before, as a producer's are. */
    public static long nextVersion() {
        return VERSIONS.incrementAndGet();
    }

    private WorkerEvents() {
    }

    public static void send(String bootstrapServers, String topic, String type, String connectionId, Object payload) {
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(topic, connectionId,
                CloudEvent.of(type, "/test/connection-service", connectionId, now(), payload)));
    }

    /**
     * As {@link #send}, as a caller in the trace {@code traceParent} would: with it in the W3C trace context
     * header.
     */
    public static void sendTraced(String bootstrapServers, String topic, String type, String connectionId,
                                  Object payload, String traceParent) {
        org.apache.kafka.clients.producer.ProducerRecord<String, String> record = CloudEventKafka.toRecord(topic,
                connectionId, CloudEvent.of(type, "/test/connection-service", connectionId, now(), payload));
        record.headers().add("traceparent", traceParent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        TopicProbe.send(bootstrapServers, record);
    }

    /** Waits for the worker to announce {@code state} for the connection, and returns that announcement. */
    public static ConnectionStateChanged awaitState(TopicProbe states, String connectionId, ConnectionState state) {
        ConsumerRecord<String, String> record = states.awaitRecord(r -> connectionId.equals(r.key())
                && EventTypes.CONNECTION_STATE_CHANGED.equals(type(r))
                && CloudEventKafka.fromRecord(r).dataAs(ConnectionStateChanged.class).state() == state, WAIT);
        return CloudEventKafka.fromRecord(record).dataAs(ConnectionStateChanged.class);
    }

    public static void awaitDeleted(TopicProbe states, String connectionId) {
        states.awaitRecord(r -> connectionId.equals(r.key()) && EventTypes.CONNECTION_DELETED.equals(type(r)), WAIT);
    }

    /** The states announced for a connection, in order, as far as the topic holds them now. */
    public static List<ConnectionState> statesOf(TopicProbe states, String connectionId) {
        return states.readToEnd().stream()
                .filter(r -> connectionId.equals(r.key()) && EventTypes.CONNECTION_STATE_CHANGED.equals(type(r)))
                .map(r -> CloudEventKafka.fromRecord(r).dataAs(ConnectionStateChanged.class).state())
                .toList();
    }

    /** Waits for the worker to announce the attachment in {@code state}, and returns that announcement. */
    public static DomainStateChanged awaitDomainState(TopicProbe states, String attachDomainId, DomainState state) {
        ConsumerRecord<String, String> record = states.awaitRecord(r -> EventTypes.DOMAIN_STATE_CHANGED.equals(type(r))
                && attachDomainId.equals(CloudEventKafka.fromRecord(r).dataAs(DomainStateChanged.class).attachDomainId())
                && CloudEventKafka.fromRecord(r).dataAs(DomainStateChanged.class).state() == state, WAIT);
        return CloudEventKafka.fromRecord(record).dataAs(DomainStateChanged.class);
    }

    public static void awaitDetached(TopicProbe states, String attachDomainId) {
        states.awaitRecord(r -> EventTypes.DOMAIN_DETACHED.equals(type(r))
                && attachDomainId.equals(CloudEventKafka.fromRecord(r).dataAs(DomainDetached.class).attachDomainId()),
                WAIT);
    }

    /** Sends the attach request connection-service would send for this plan, and returns it. */
    public static DomainAttachRequested attach(String bootstrapServers, String connectionId, String clusterId,
                                               ConnectionType connectionType, DomainType domainType,
                                               String uniqueName, List<String> azIds) {
        return attach(bootstrapServers, DomainAttachment.newId(), connectionId, clusterId, connectionType, domainType,
                uniqueName, azIds);
    }

    /** As {@link #attach}, sent in the trace {@code traceParent}. */
    public static DomainAttachRequested attachTraced(String bootstrapServers, String connectionId, String clusterId,
                                                     ConnectionType connectionType, DomainType domainType,
                                                     String uniqueName, List<String> azIds, String traceParent) {
        DomainPlan plan = DomainPlan.of(connectionType, domainType, uniqueName, azIds, BaseDomains.DEFAULT);
        DomainAttachRequested request = new DomainAttachRequested(DomainAttachment.newId(), connectionId, clusterId,
                connectionType, domainType, uniqueName, plan.zoneName(), plan.records(), "alice", now(),
                WorkerEvents.nextVersion());
        sendTraced(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.DOMAIN_ATTACH_REQUESTED, connectionId,
                request, traceParent);
        return request;
    }

    /** The same, with the attachment id chosen by the test (e.g. to arm a crash for it first). */
    public static DomainAttachRequested attach(String bootstrapServers, String attachDomainId, String connectionId,
                                               String clusterId, ConnectionType connectionType,
                                               DomainType domainType, String uniqueName, List<String> azIds) {
        DomainPlan plan = DomainPlan.of(connectionType, domainType, uniqueName, azIds, BaseDomains.DEFAULT);
        DomainAttachRequested request = new DomainAttachRequested(attachDomainId, connectionId, clusterId,
                connectionType, domainType, uniqueName, plan.zoneName(), plan.records(), "alice", now(), WorkerEvents.nextVersion());
        send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.DOMAIN_ATTACH_REQUESTED, connectionId, request);
        return request;
    }

    public static void detach(String bootstrapServers, DomainAttachRequested attached) {
        send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.DOMAIN_DETACH_REQUESTED,
                attached.connectionId(), new DomainDetachRequested(attached.attachDomainId(), attached.connectionId(),
                        attached.clusterId(), attached.connectionType(), "bob", now(), WorkerEvents.nextVersion()));
    }

    public static String type(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader(CloudEventKafka.TYPE).value(), StandardCharsets.UTF_8);
    }

    /** Microseconds, as PostgreSQL keeps them. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
