package io.dataflow.privatelink.worker.reconcile;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.kit.testing.MovableClock;
import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.EndpointServiceView;
import io.dataflow.privatelink.worker.cloud.EndpointView;
import io.dataflow.privatelink.worker.ownership.OrphanSweep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.dataflow.privatelink.contract.ConnectionState.ACTIVE;
import static io.dataflow.privatelink.contract.ConnectionState.CREATING;
import static io.dataflow.privatelink.contract.ConnectionState.DELETING;
import static io.dataflow.privatelink.contract.ConnectionState.FAILED;
import static io.dataflow.privatelink.contract.ConnectionState.PENDING_ACCEPTANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointReconcilerTest {

    private static final io.dataflow.privatelink.worker.cloud.CloudLocation LOCATION =
            new io.dataflow.privatelink.worker.cloud.CloudLocation("111122223333", "us-east-1");

    private static final String SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static final OrphanSweep SWEEP = new OrphanSweep(new OrphanSweep.Settings(Duration.ofHours(1), 5, false));

    private RecordingCloud cloud;
    private EndpointReconciler reconciler;

    @BeforeEach
    void setUp() {
        cloud = new RecordingCloud();
        reconciler = new EndpointReconciler(cloud, Duration.ofDays(7), SWEEP);
    }

    @Test
    void createsTheEndpointInTheSharedZonesAfterTheServiceChecks() {
        cloud.service = new EndpointServiceView(SERVICE, "us-east-1", List.of("use1-az2", "use1-az4"), true);

        Outcome outcome = reconciler.provision(row(CREATING, null));

        assertEquals(Outcome.Kind.TRANSITION, outcome.kind());
        assertEquals(PENDING_ACCEPTANCE, outcome.state());
        assertEquals(List.of("use1-az2"), outcome.zoneIds());
        assertEquals(List.of("findEndpoint", "observeService", "createEndpoint [use1-az2]"), cloud.calls);
    }

    @Test
    void aCreateThatWaitsForItsBudgetDoesNotDescribeTheServiceAgainUntilTheCheckIsOld() {
        cloud.service = new EndpointServiceView(SERVICE, "us-east-1", List.of("use1-az2"), true);
        MovableClock clock = new MovableClock(NOW);
        reconciler = new EndpointReconciler(cloud, Duration.ofDays(7), SWEEP, clock);
        cloud.failCreate = new CloudException("RequestLimitExceeded", "budget spent", true, null);

        assertEquals(Outcome.Kind.CLOUD_BUSY, reconciler.provision(row(CREATING, null)).kind());
        clock.set(NOW.plusSeconds(30));
        assertEquals(Outcome.Kind.CLOUD_BUSY, reconciler.provision(row(CREATING, null)).kind());
        cloud.failCreate = null;
        clock.set(NOW.plusSeconds(60));
        assertEquals(PENDING_ACCEPTANCE, reconciler.provision(row(CREATING, null)).state());
        assertEquals(1, cloud.calls.stream().filter("observeService"::equals).count(), cloud.calls.toString());
        assertEquals(3, cloud.calls.stream().filter("findEndpoint"::equals).count(), "the tag is looked up each time");

        // A check older than the reuse window is made again.
        String other = "plc-2";
        cloud.failCreate = new CloudException("RequestLimitExceeded", "budget spent", true, null);
        reconciler.provision(row(other, CREATING, null));
        clock.advance(EndpointReconciler.CHECKED_SERVICE_REUSE.plusSeconds(1));
        reconciler.provision(row(other, CREATING, null));
        assertEquals(3, cloud.calls.stream().filter("observeService"::equals).count(), cloud.calls.toString());
    }


    @Test
    void adoptsTheEndpointAnEarlierAttemptCreatedInsteadOfCreatingAnother() {
        cloud.endpointsByConnection.put("plc-1", new EndpointView("vpce-earlier", "plc-1", PENDING_ACCEPTANCE,
                "pendingAcceptance", null, List.of("use1-az1")));

        Outcome outcome = reconciler.provision(row(CREATING, null));

        assertEquals("vpce-earlier", outcome.endpointId());
        assertEquals(PENDING_ACCEPTANCE, outcome.state());
        assertEquals(List.of("findEndpoint"), cloud.calls);
    }

    @Test
    void invisibleServiceFailsNamingThePrincipalToAllow() {
        Outcome outcome = reconciler.provision(row(CREATING, null));

        assertEquals(FAILED, outcome.state());
        assertTrue(outcome.message().contains("not visible to the platform account 111122223333"), outcome.message());
        assertTrue(outcome.message().contains("arn:aws:iam::111122223333:root"), outcome.message());
        assertFalse(cloud.calls.stream().anyMatch(call -> call.startsWith("createEndpoint")));
    }

    @Test
    void serviceWithoutASharedZoneFailsListingBothZoneSets() {
        cloud.service = new EndpointServiceView(SERVICE, "us-east-1", List.of("use1-az6"), true);

        Outcome outcome = reconciler.provision(row(CREATING, null));

        assertEquals(FAILED, outcome.state());
        assertTrue(outcome.message().contains("[use1-az6]") && outcome.message().contains("[use1-az1, use1-az2]"),
                outcome.message());
        assertFalse(cloud.calls.stream().anyMatch(call -> call.startsWith("createEndpoint")));
    }

    @Test
    void serviceInAnotherRegionThanRequestedFailsNamingBoth() {
        cloud.service = new EndpointServiceView(SERVICE, "us-west-2", List.of("use1-az1"), true);

        Outcome outcome = reconciler.provision(row(CREATING, null));

        assertEquals(FAILED, outcome.state());
        assertTrue(outcome.message().contains("is in region us-west-2, not in us-east-1"), outcome.message());
        assertFalse(cloud.calls.stream().anyMatch(call -> call.startsWith("createEndpoint")));
    }

    @Test
    void throttledCallIsRetriedLaterWithoutChangingState() {
        cloud.failNextCall = new CloudException("RequestLimitExceeded", "Request limit exceeded.", true, null);
        assertEquals(Outcome.Kind.CLOUD_BUSY, reconciler.provision(row(CREATING, null)).kind());

        // A 5xx about this one call is this resource's: it backs off, the pass goes on.
        cloud.failNextCall = new CloudException("InternalError", "An internal error has occurred.", true, null);
        assertEquals(Outcome.Kind.RETRY_LATER, reconciler.provision(row(CREATING, null)).kind());
    }

    @Test
    void aDeleteTheCloudRefusesIsThisConnectionsFailureAndAThrottledOneStopsThePass() {
        cloud.failNextCall = new CloudException("DependencyViolation", "the endpoint is in use", false, null);
        assertEquals(Outcome.Kind.RETRY_LATER, reconciler.deprovision(row(DELETING, "vpce-plc-1")).kind());

        cloud.failNextCall = new CloudException("RequestLimitExceeded", "Request limit exceeded.", true, null);
        assertEquals(Outcome.Kind.CLOUD_BUSY, reconciler.deprovision(row(DELETING, "vpce-plc-1")).kind());

        cloud.failNextCall = new CloudException("ClientError", "Unable to execute HTTP request: Connect timed out",
                true, null);
        assertEquals(Outcome.Kind.CLOUD_BUSY, reconciler.deprovision(row(DELETING, "vpce-plc-1")).kind(),
                "a cloud out of reach is out of reach for every call");
    }

    @Test
    void refusedCreateFailsWithTheCloudsReason() {
        cloud.service = new EndpointServiceView(SERVICE, "us-east-1", List.of("use1-az1"), true);
        cloud.failCreate = new CloudException("InvalidParameter", "subnet is in the wrong VPC", false, null);

        Outcome outcome = reconciler.provision(row(CREATING, null));

        assertEquals(FAILED, outcome.state());
        assertTrue(outcome.message().contains("InvalidParameter") && outcome.message().contains("wrong VPC"));
    }

    @Test
    void watchMovesEachConnectionToWhatTheCloudShowsOnce() {
        cloud.endpointsByConnection.put("plc-1", view("plc-1", ACTIVE, "available"));

        List<Outcome> first = reconciler.observe(List.of(row(PENDING_ACCEPTANCE, "vpce-plc-1")),
                cloud.observeManagedEndpoints(LOCATION), NOW);
        List<Outcome> again = reconciler.observe(List.of(row(ACTIVE, "vpce-plc-1")),
                cloud.observeManagedEndpoints(LOCATION), NOW);

        assertEquals(ACTIVE, first.get(0).state());
        assertEquals(Outcome.Kind.TRANSITION, first.get(0).kind());
        assertEquals(Outcome.Kind.NONE, again.get(0).kind());
    }

    @Test
    void rejectedEndpointFailsWithTheCloudsWords() {
        cloud.endpointsByConnection.put("plc-1", view("plc-1", FAILED, "rejected"));

        Outcome outcome = reconciler.observe(List.of(row(PENDING_ACCEPTANCE, "vpce-plc-1")),
                cloud.observeManagedEndpoints(LOCATION), NOW).get(0);

        assertEquals(FAILED, outcome.state());
        assertTrue(outcome.message().contains("rejected"), outcome.message());
    }

    @Test
    void endpointDeletedOutsideTheSystemFailsTheConnection() {
        Outcome outcome = reconciler.observe(List.of(row(ACTIVE, "vpce-plc-1")), List.of(), NOW).get(0);

        assertEquals(FAILED, outcome.state());
        assertTrue(outcome.message().contains("deleted outside"), outcome.message());
    }

    @Test
    void deletingConnectionIsRemovedOnceItsEndpointIsGone() {
        assertEquals(Outcome.Kind.REMOVED,
                reconciler.observe(List.of(row(DELETING, "vpce-plc-1")), List.of(), NOW).get(0).kind());
    }

    @Test
    void deprovisionDeletesTheEndpointAndWaits() {
        Outcome outcome = reconciler.deprovision(row(ACTIVE, "vpce-plc-1"));

        assertEquals(DELETING, outcome.state());
        assertEquals(List.of("deleteEndpoint vpce-plc-1"), cloud.calls);
    }

    @Test
    void deprovisionOfAConnectionThatNeverGotAnEndpointRemovesItAtOnce() {
        assertEquals(Outcome.Kind.REMOVED, reconciler.deprovision(row(CREATING, null)).kind());
        assertEquals(List.of("findEndpoint"), cloud.calls);
    }

    @Test
    void lateReportCannotMoveAConnectionBackFromFailed() {
        cloud.endpointsByConnection.put("plc-1", view("plc-1", PENDING_ACCEPTANCE, "pendingAcceptance"));

        Outcome outcome = reconciler.observe(List.of(row(FAILED, "vpce-plc-1")),
                cloud.observeManagedEndpoints(LOCATION), NOW).get(0);

        assertEquals(Outcome.Kind.NONE, outcome.kind());
    }

    @Test
    void serviceWithoutAcceptanceGoesFromCreatingStraightToActive() {
        cloud.service = new EndpointServiceView(SERVICE, "us-east-1", List.of("use1-az1"), false);

        Outcome created = reconciler.provision(row(CREATING, null));
        ManagedEndpoint recorded = row(created.state(), created.endpointId()).withAcceptanceRequired(false);
        Outcome stillPending = reconciler.observe(List.of(recorded), cloud.observeManagedEndpoints(LOCATION), NOW)
                .get(0);
        cloud.endpointsByConnection.put("plc-1", new EndpointView(created.endpointId(), "plc-1", ACTIVE, "available",
                null, null));
        Outcome available = reconciler.observe(List.of(recorded), cloud.observeManagedEndpoints(LOCATION), NOW)
                .get(0);

        assertEquals(CREATING, created.state());
        assertEquals(false, created.acceptanceRequired());
        assertEquals(Outcome.Kind.NONE, stillPending.kind());
        assertEquals(ACTIVE, available.state());
    }

    @Test
    void endpointNotAcceptedBeforeTheDeadlineIsRemovedAndTheConnectionFailsSayingSo() {
        cloud.endpointsByConnection.put("plc-1", view("plc-1", PENDING_ACCEPTANCE, "pendingAcceptance"));
        ManagedEndpoint overdue = row(PENDING_ACCEPTANCE, "vpce-plc-1");

        Outcome outcome = reconciler.observe(List.of(overdue), cloud.observeManagedEndpoints(LOCATION),
                NOW.plus(Duration.ofDays(8))).get(0);

        assertEquals(FAILED, outcome.state());
        assertTrue(outcome.message().contains("did not accept the connection within 7 days"), outcome.message());
        assertTrue(cloud.calls.contains("deleteEndpoint vpce-plc-1"), cloud.calls.toString());
    }

    @Test
    void endpointStillPendingBeforeTheDeadlineIsLeftAlone() {
        cloud.endpointsByConnection.put("plc-1", view("plc-1", PENDING_ACCEPTANCE, "pendingAcceptance"));

        Outcome outcome = reconciler.observe(List.of(row(PENDING_ACCEPTANCE, "vpce-plc-1")),
                cloud.observeManagedEndpoints(LOCATION), NOW.plus(Duration.ofDays(6))).get(0);

        assertEquals(Outcome.Kind.NONE, outcome.kind());
    }

    @Test
    void orphanSweepDeletesAnUnknownEndpointOnlyOnceTheGraceIsOverAndKeepsThoseOfKnownConnections() {
        reconciler = new EndpointReconciler(cloud, Duration.ofDays(7),
                new OrphanSweep(new OrphanSweep.Settings(Duration.ofHours(1), 5, false)));
        List<EndpointView> observed = List.of(view("plc-1", ACTIVE, "available"), view("plc-gone", ACTIVE, "available"),
                view("plc-leaving", DELETING, "deleting"));

        assertEquals(List.of(OrphanSweep.Verdict.FIRST_SEEN),
                verdicts(reconciler.sweepOrphans(LOCATION, observed, Set.of("plc-1"), NOW)));
        assertEquals(List.of(OrphanSweep.Verdict.IN_GRACE), verdicts(reconciler.sweepOrphans(LOCATION, observed,
                Set.of("plc-1"), NOW.plus(Duration.ofMinutes(59)))));
        assertTrue(cloud.calls.isEmpty(), "nothing deleted within the grace: " + cloud.calls);

        List<OrphanSweep.Decision> after = reconciler.sweepOrphans(LOCATION, observed, Set.of("plc-1"),
                NOW.plus(Duration.ofHours(1)));

        assertEquals(List.of(OrphanSweep.Verdict.DELETE), verdicts(after));
        assertEquals("vpce-plc-gone", after.get(0).endpointId());
        assertEquals(List.of("deleteEndpoint vpce-plc-gone"), cloud.calls);
    }

    @Test
    void anOrphanWhoseDeleteFailsIsReportedAndTriedAgainNextPass() {
        reconciler = new EndpointReconciler(cloud, Duration.ofDays(7),
                new OrphanSweep(new OrphanSweep.Settings(Duration.ZERO, 5, false)));
        List<EndpointView> observed = List.of(view("plc-gone", ACTIVE, "available"));
        reconciler.sweepOrphans(LOCATION, observed, Set.of(), NOW);
        cloud.failNextCall = new CloudException("UnauthorizedOperation", "not allowed", false, null);

        assertEquals(List.of(OrphanSweep.Verdict.DELETE_FAILED),
                verdicts(reconciler.sweepOrphans(LOCATION, observed, Set.of(), NOW.plusSeconds(1))));
        assertEquals(List.of(OrphanSweep.Verdict.DELETE),
                verdicts(reconciler.sweepOrphans(LOCATION, observed, Set.of(), NOW.plusSeconds(2))));
        assertEquals(List.of("deleteEndpoint vpce-plc-gone", "deleteEndpoint vpce-plc-gone"), cloud.calls);
    }

    private static List<OrphanSweep.Verdict> verdicts(List<OrphanSweep.Decision> decisions) {
        return decisions.stream().map(OrphanSweep.Decision::verdict).toList();
    }

    private static EndpointView view(String connectionId, ConnectionState state, String cloudStatus) {
        return new EndpointView("vpce-" + connectionId, connectionId, state, cloudStatus, null, null);
    }

    private static ManagedEndpoint row(ConnectionState state, String endpointId) {
        return row("plc-1", state, endpointId);
    }

    private static ManagedEndpoint row(String connectionId, ConnectionState state, String endpointId) {
        ClusterPlacement placement = new ClusterPlacement("cluster-1", "project-1", CloudProvider.AWS, "us-east-1",
                "111122223333", "vpc-1", List.of("use1-az1", "use1-az2"),
                Map.of("use1-az1", "subnet-1", "use1-az2", "subnet-2"), "sg-1");
        ConnectionRequested request = new ConnectionRequested(connectionId, "cluster-1", "kafka",
                ConnectionType.AWS_ENDPOINT_SERVICE, SERVICE, "us-east-1", "alice", Instant.EPOCH, placement, io.dataflow.privatelink.worker.testing.WorkerEvents.nextVersion());
        return new ManagedEndpoint(request, state, null, endpointId, endpointId == null ? null : List.of("use1-az1"),
                state == DELETING, NOW.plus(Duration.ofDays(7)), null, null);
    }
}
