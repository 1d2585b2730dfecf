package io.dataflow.privatelink.worker.testing;

import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.testing.Metrics;
import io.dataflow.privatelink.kit.testing.RecordedSpans;
import io.dataflow.privatelink.kit.testing.Sql;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.worker.config.WorkerConfig;
import io.dataflow.privatelink.worker.ownership.DeploymentIdentity;
import io.dataflow.privatelink.worker.service.ReconcileCycle;
import io.dataflow.privatelink.worker.service.ShardLeases;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every provider worker must do, written once: requests from Kafka, the worker's real SDK adapter against
 * its provider's simulator ({@link CloudSide}), events out. Each worker's {@code @QuarkusTest} extends this
 * (JUnit runs the inherited tests, Quarkus injects these fields) and adds what only its cloud has.
 */
public abstract class WorkerContract {

    protected static final Duration WAIT = WorkerEvents.WAIT;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrapServers;

    @Inject
    protected ReconcileCycle cycle;

    @Inject
    protected WorkerConfig workerConfig;

    @Inject
    protected ShardLeases leases;

    @Inject
    protected DeploymentIdentity deployment;

    /** The provider under test: its simulator from the customer's side, and its cloud's words. */
    protected abstract CloudSide cloud();

    /** The worker's Prometheus page (the worker's test has the management port). */
    protected abstract URL metrics();

    @Test
    void createsTheEndpointAndFollowsItThroughAcceptanceToActive() {
        ServiceRef service = cloud().createService(platformZones(), true, Acceptance.MANUAL);
        String id = ConnectionIds.newId();
        Metrics before = Metrics.scrape(metrics());

        try (TopicProbe states = states()) {
            request(id, service.serviceName());

            ConnectionStateChanged pending = WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE);
            assertEquals(platformZones(), pending.availabilityZoneIds());
            double recorded = ((Number) Sql.single(
                    "SELECT extract(epoch FROM accept_deadline) FROM managed_endpoint WHERE connection_id = ?1", id))
                    .doubleValue();
            Instant deadline = pending.acceptanceDeadline();
            assertNotNull(deadline, "the deadline is announced while it applies");
            assertEquals(recorded, deadline.toEpochMilli() / 1000.0, 0.001, "the deadline the worker enforces");
            assertTrue(deadline.isAfter(Instant.now().plus(Duration.ofDays(6))), deadline.toString());
            List<CloudSide.Endpoint> endpoints = cloud().endpointsOf(id);
            assertEquals(1, endpoints.size());
            CloudSide.Endpoint endpoint = endpoints.get(0);
            assertEquals(pending.endpointId(), endpoint.endpointId());
            assertEquals(cloud().awaitingAcceptanceStatus(), endpoint.status());
            assertEquals(cloud().placement().vpcId(), endpoint.vpcId());

            cloud().accept(service, endpoint.endpointId());

            ConnectionStateChanged active = WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE);
            assertEquals(endpoint.endpointId(), active.endpointId());
            assertNull(active.acceptanceDeadline(), "accepted: no deadline any more");
            assertEquals(1, cloud().endpointsOf(id).size());
            // Each transition is published once, however many watch cycles saw the same state.
            await().atMost(WAIT).until(() -> cycle.completedPasses() > 0);
            long passes = cycle.completedPasses();
            await().atMost(WAIT).until(() -> cycle.completedPasses() >= passes + 2);
            assertEquals(cloud().statesThroughAcceptance(), WorkerEvents.statesOf(states, id));
        }
        // Both workers report into the same series: the create, and its budget token.
        Metrics after = Metrics.scrape(metrics());
        assertEquals(createsDone(before) + 1, createsDone(after));
        assertTrue(budgetGranted(after) > budgetGranted(before));
    }

    @Test
    void serviceThatDoesNotAllowThePlatformFailsNamingItAndCreatesNothing() {
        ServiceRef service = cloud().createService(platformZones(), false, Acceptance.MANUAL);
        String id = ConnectionIds.newId();

        try (TopicProbe states = states()) {
            request(id, service.serviceName());

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            for (String word : cloud().notAllowedWords()) {
                assertTrue(failed.message().contains(word), word + " in: " + failed.message());
            }
            assertEquals(FailureReason.SERVICE_NOT_VISIBLE, failed.failureReason());
        }
        assertEquals(0, cloud().endpointsOf(id).size());
    }

    @Test
    void serviceWithoutASharedZoneFailsListingBothZoneSets() {
        List<String> elsewhere = cloud().zonesOutsideThePlatform();
        ServiceRef service = cloud().createService(elsewhere, true, Acceptance.MANUAL);
        String id = ConnectionIds.newId();

        try (TopicProbe states = states()) {
            request(id, service.serviceName());

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains(elsewhere.toString())
                    && failed.message().contains(platformZones().toString()), failed.message());
            assertEquals(FailureReason.NO_SHARED_ZONE, failed.failureReason());
        }
        assertEquals(0, cloud().endpointsOf(id).size());
    }

    @Test
    void aCreateAndADeleteAreEachOneTraceFromTheRequestThroughTheCloudCallsToTheStatesAnnounced() {
        ServiceRef service = cloud().createService(platformZones(), true, Acceptance.AUTOMATIC);
        String id = ConnectionIds.newId();
        String create = UUID.randomUUID().toString().replace("-", "");
        String delete = UUID.randomUUID().toString().replace("-", "");

        try (TopicProbe states = states()) {
            WorkerEvents.sendTraced(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id,
                    requested(id, service.serviceName()), RecordedSpans.callerTraceParent(create, "00f067aa0ba902b7"));
            WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE);
            // Announced by the create step, and by a later pass that watched the endpoint: both in the request's trace.
            assertEquals(List.of(create), traceIdsOf(states, id), "every state announced in the create's trace");

            SpanData consumed = RecordedSpans.await(create, SpanKind.CONSUMER, n -> n.startsWith("process "), WAIT);
            SpanData step = RecordedSpans.await(create, SpanKind.INTERNAL, "reconcile create"::equals, WAIT);
            SpanData call = RecordedSpans.await(create, SpanKind.CLIENT, n -> n.endsWith("." + cloud().createAction()),
                    WAIT);
            assertEquals("00f067aa0ba902b7", consumed.getParentSpanId(), "the request continues the sender's trace");
            assertEquals(consumed.getSpanId(), step.getParentSpanId(), "the pass's step continues the request's");
            assertEquals(step.getSpanId(), call.getParentSpanId(), "the API call is the step's child");
            RecordedSpans.await(create, SpanKind.PRODUCER, ("publish " + Topics.CONNECTION_STATE)::equals, WAIT);

            WorkerEvents.sendTraced(bootstrapServers, Topics.CONNECTION_REQUESTS,
                    EventTypes.CONNECTION_DELETION_REQUESTED, id, deletionRequested(id),
                    RecordedSpans.callerTraceParent(delete, "00f067aa0ba902b8"));
            WorkerEvents.awaitDeleted(states, id);
            RecordedSpans.await(delete, SpanKind.CLIENT, n -> n.endsWith("." + cloud().deleteAction()), WAIT);
            List<String> traces = traceIdsOf(states, id);
            assertEquals(delete, traces.get(traces.size() - 1), "the deletion announced in the delete's trace");
        }
    }

    @Test
    void deleteRemovesTheEndpointAndAnnouncesTheDeletion() {
        ServiceRef service = cloud().createService(platformZones(), true, Acceptance.AUTOMATIC);
        String id = ConnectionIds.newId();

        try (TopicProbe states = states()) {
            request(id, service.serviceName());
            WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE);
            if (cloud().knowsAutomaticAcceptance()) {
                // The service accepts by itself: the connection never waited for anyone's acceptance.
                assertFalse(WorkerEvents.statesOf(states, id).contains(ConnectionState.PENDING_ACCEPTANCE),
                        WorkerEvents.statesOf(states, id).toString());
            }

            requestDeletion(id);

            WorkerEvents.awaitState(states, id, ConnectionState.DELETING);
            WorkerEvents.awaitDeleted(states, id);
        }
        assertEquals(0, cloud().endpointsOf(id).size());
    }

    @Test
    void deleteWorksFromCreatingPendingAcceptanceAndFailed() {
        ServiceRef service = cloud().createService(platformZones(), true, Acceptance.MANUAL);
        ServiceRef hidden = cloud().createService(platformZones(), false, Acceptance.MANUAL);
        String creating = ConnectionIds.newId();
        String pending = ConnectionIds.newId();
        String failed = ConnectionIds.newId();

        try (TopicProbe states = states()) {
            request(pending, service.serviceName());
            request(failed, hidden.serviceName());
            WorkerEvents.awaitState(states, pending, ConnectionState.PENDING_ACCEPTANCE);
            WorkerEvents.awaitState(states, failed, ConnectionState.FAILED);
            // Requested and at once deleted: the worker may or may not have created the endpoint yet.
            request(creating, service.serviceName());
            for (String id : List.of(creating, pending, failed)) {
                requestDeletion(id);
            }

            for (String id : List.of(creating, pending, failed)) {
                WorkerEvents.awaitDeleted(states, id);
                await().atMost(WAIT).until(() -> cloud().endpointsOf(id).isEmpty());
            }
        }
    }

    @Test
    void throttlingStormEndsWithEveryConnectionInItsRightState() {
        ServiceRef manual = cloud().createService(platformZones(), true, Acceptance.MANUAL);
        ServiceRef automatic = cloud().createService(platformZones(), true, Acceptance.AUTOMATIC);
        List<String> waiting = List.of(ConnectionIds.newId(), ConnectionIds.newId(), ConnectionIds.newId());
        List<String> accepted = List.of(ConnectionIds.newId(), ConnectionIds.newId(), ConnectionIds.newId());
        long throttledBefore = cloud().throttledCount();
        Metrics before = Metrics.scrape(metrics());

        cloud().throttle(true);
        try (TopicProbe states = states()) {
            waiting.forEach(id -> request(id, manual.serviceName()));
            accepted.forEach(id -> request(id, automatic.serviceName()));

            waiting.forEach(id -> WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE));
            accepted.forEach(id -> WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE));
        } finally {
            cloud().throttle(false);
        }
        assertTrue(cloud().throttledCount() > throttledBefore, "the storm throttled calls");
        // the metrics tell the same story: six creates done, throttled attempts, budget waits, passes, all shards
        Metrics after = Metrics.scrape(metrics());
        assertTrue(createsDone(after) >= createsDone(before) + 6);
        assertTrue(cloud().endpointThrottles(after) > cloud().endpointThrottles(before), "throttled attempts counted");
        assertTrue(budgetGranted(after) >= budgetGranted(before) + 6);
        assertTrue(after.sum("plc_reconcile_pass_seconds_count") > before.sum("plc_reconcile_pass_seconds_count"));
        assertEquals(leases.current().shards().size(), (int) after.sum("plc_shards_held"));
        for (String id : waiting) {
            assertEquals(1, cloud().endpointsOf(id).size());
        }
        for (String id : accepted) {
            assertEquals(1, cloud().endpointsOf(id).size());
        }
    }

    @Test
    void workerDyingBetweenTheCloudCallAndRecordingItLeavesExactlyOneEndpoint() {
        ServiceRef service = cloud().createService(platformZones(), true, Acceptance.MANUAL);
        String id = ConnectionIds.newId();
        CrashAfterCreate.CRASH_ONCE.add(id);

        try (TopicProbe states = states()) {
            request(id, service.serviceName());
            ConnectionStateChanged pending = WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE);

            assertFalse(CrashAfterCreate.CRASH_ONCE.contains(id), "the crash happened");
            List<CloudSide.Endpoint> endpoints = cloud().endpointsOf(id);
            assertEquals(1, endpoints.size());
            assertEquals(endpoints.get(0).endpointId(), pending.endpointId());
        }
    }

    @Test
    void ownerRefusingTheEndpointFailsTheConnection() {
        Acceptance acceptance = cloud().refusedFrom();
        ServiceRef service = cloud().createService(platformZones(), true, acceptance);
        String id = ConnectionIds.newId();

        try (TopicProbe states = states()) {
            request(id, service.serviceName());
            String endpointId = WorkerEvents.awaitState(states, id, acceptance == Acceptance.MANUAL
                    ? ConnectionState.PENDING_ACCEPTANCE : ConnectionState.ACTIVE).endpointId();

            cloud().refuse(service, endpointId);

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains(cloud().refusalWord()), failed.message());
            assertEquals(FailureReason.REJECTED_BY_OWNER, failed.failureReason());
        }
    }

    @Test
    void endpointNotAcceptedByTheDeadlineIsRemovedAndTheConnectionFails() {
        ServiceRef service = cloud().createService(platformZones(), true, Acceptance.MANUAL);
        String id = ConnectionIds.newId();

        try (TopicProbe states = states()) {
            request(id, service.serviceName());
            String endpointId = WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE).endpointId();
            // Seven days pass: the deadline recorded when the request arrived is now behind us.
            Sql.execute("UPDATE managed_endpoint SET accept_deadline = now() - interval '1 minute'"
                    + " WHERE connection_id = ?1", id);

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains("did not accept the connection within 7 days"), failed.message());
            assertEquals(FailureReason.ACCEPTANCE_EXPIRED, failed.failureReason());
            await().atMost(WAIT).until(() -> !cloud().endpointExists(endpointId));
        }
    }

    @Test
    void endpointDeletedOutsideTheSystemFailsTheConnection() {
        ServiceRef service = cloud().createService(platformZones(), true, Acceptance.AUTOMATIC);
        String id = ConnectionIds.newId();

        try (TopicProbe states = states()) {
            request(id, service.serviceName());
            String endpointId = WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE).endpointId();
            cloud().deleteEndpointOutside(endpointId);

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains("deleted outside this system"), failed.message());
            assertEquals(FailureReason.ENDPOINT_REMOVED_OUTSIDE, failed.failureReason());
        }
    }

    @Test
    void orphanSweepRemovesThisDeploymentsUnownedEndpointOnlyAfterTheGraceAndKeepsAnotherDeploymentsForGood() {
        ServiceRef service = cloud().createService(platformZones(), true, Acceptance.MANUAL);
        // One endpoint this deployment made for a connection it does not know (an empty or restored database),
        // one that another deployment sharing the account and VPC made for one of its connections.
        String ownOrphan = cloud().createEndpointMarked(service, deployment, ConnectionIds.newId());
        String othersEndpoint = cloud().createEndpointMarked(service, new DeploymentIdentity("staging"),
                ConnectionIds.newId());
        Instant made = Instant.now();
        Duration grace = workerConfig.orphanSweep().grace();
        // A live connection in the region keeps the region watched.
        request(ConnectionIds.newId(), service.serviceName());

        await().atMost(WAIT).until(() -> !cloud().endpointExists(ownOrphan));
        Duration keptFor = Duration.between(made, Instant.now());
        assertTrue(keptFor.compareTo(grace) >= 0, "deleted after " + keptFor + ", within the grace " + grace);

        // Passes enough to outlast the grace twice more: the other deployment's endpoint is never touched.
        long passes = cycle.completedPasses();
        Instant graceOver = Instant.now().plus(grace.multipliedBy(2));
        await().atMost(WAIT).until(() -> cycle.completedPasses() >= passes + 5 && Instant.now().isAfter(graceOver));
        assertTrue(cloud().endpointExists(othersEndpoint), "another deployment's endpoint was deleted");
    }

    // ---- what the tests do on Kafka, as connection-service would ----

    protected TopicProbe states() {
        return TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE);
    }

    protected List<String> platformZones() {
        return cloud().placement().azIds();
    }

    protected void request(String id, String serviceName) {
        WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id,
                requested(id, serviceName));
    }

    protected ConnectionRequested requested(String id, String serviceName) {
        ClusterPlacement placement = cloud().placement();
        return new ConnectionRequested(id, placement.clusterId(), "kafka", cloud().connectionType(), serviceName,
                placement.region(), "alice", WorkerEvents.now(), placement, WorkerEvents.nextVersion());
    }

    protected void requestDeletion(String id) {
        WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_DELETION_REQUESTED, id,
                deletionRequested(id));
    }

    private ConnectionDeletionRequested deletionRequested(String id) {
        return new ConnectionDeletionRequested(id, cloud().placement().clusterId(), cloud().connectionType(), "bob",
                WorkerEvents.now(), WorkerEvents.nextVersion());
    }

    /** The distinct trace ids of the connection's announcements, in order. */
    private static List<String> traceIdsOf(TopicProbe states, String id) {
        return states.readToEnd().stream().filter(r -> id.equals(r.key()))
                .map(r -> RecordedSpans.traceIdOf(new String(r.headers().lastHeader("traceparent").value(),
                        StandardCharsets.UTF_8)))
                .distinct().toList();
    }

    private double createsDone(Metrics page) {
        return page.sum("plc_cloud_calls_total", "cloud", cloud().cloudLabel(), "action", cloud().createAction(),
                "outcome", "OK");
    }

    private double budgetGranted(Metrics page) {
        return page.sum("plc_cloud_budget_wait_seconds_count", "cloud", cloud().cloudLabel(), "budget",
                cloud().mutateBudget(), "outcome", "granted");
    }
}
