package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.kit.testing.RecordedSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import io.dataflow.privatelink.simulator.ec2.FaultSpec;
import io.dataflow.privatelink.worker.service.ReconcileCycle;
import io.dataflow.privatelink.worker.config.WorkerConfig;
import io.dataflow.privatelink.worker.testing.CrashAfterCreate;
import io.dataflow.privatelink.worker.testing.WorkerEvents;
import io.dataflow.privatelink.worker.lease.HeldShards;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;
import io.dataflow.privatelink.worker.reconcile.Outcome;
import io.dataflow.privatelink.worker.repository.ManagedEndpointRepository;
import io.dataflow.privatelink.worker.service.OutcomeRecorder;
import io.dataflow.privatelink.worker.service.ShardLeases;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.dataflow.privatelink.kit.testing.Sql;
import io.dataflow.privatelink.kit.testing.Metrics;
import io.dataflow.privatelink.kit.testing.TableLock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.dataflow.privatelink.worker.aws.Ec2SimulatorResource.AZ1;
import static io.dataflow.privatelink.worker.aws.Ec2SimulatorResource.AZ2;
import static io.dataflow.privatelink.worker.aws.Ec2SimulatorResource.AZ6;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AWS worker end to end on its side: requests from Kafka, real EC2 SDK calls to the simulator, events out. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "provider_worker_aws"))
@QuarkusTestResource(value = Ec2SimulatorResource.class, restrictToAnnotatedClass = true)
class AwsWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;


    @Inject
    ReconcileCycle cycle;

    @Inject
    WorkerConfig workerConfig;

    @Inject
    ShardLeases leases;

    @Inject
    OutcomeRecorder recorder;

    @Inject
    ManagedEndpointRepository endpoints;

    @io.quarkus.test.common.http.TestHTTPResource(value = "metrics", management = true)
    java.net.URL metrics;

    @io.quarkus.test.common.http.TestHTTPResource(value = "health/live", management = true)
    java.net.URL live;

    @io.quarkus.test.common.http.TestHTTPResource(value = "health/ready", management = true)
    java.net.URL ready;

    @Test
    void aReconcilePassHungOnTheDatabaseFailsLivenessAndTheNextPassesRestoreIt() {
        long before = cycle.completedPasses();
        try (TableLock hang = TableLock.exclusive("managed_endpoint")) {
            // the pass in progress, or the next, reads managed_endpoint and waits behind the lock
            await().atMost(WAIT).untilAsserted(() -> io.restassured.RestAssured.when().get(live).then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'loops' }.data.'reconcile-pass'",
                            org.hamcrest.Matchers.containsString("one turn running since")));
            io.restassured.RestAssured.when().get(ready).then().statusCode(200);
        }
        await().atMost(WAIT).until(() -> cycle.completedPasses() >= before + 2);
        io.restassured.RestAssured.when().get(live).then().statusCode(200);
    }

    @Test
    void createsTheEndpointAndFollowsItThroughAcceptanceToActive() {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1, AZ2), true, true);
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());

            ConnectionStateChanged pending = WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE);
            assertEquals(List.of("use1-az1", "use1-az2"), pending.availabilityZoneIds());
            VpcEndpoint endpoint = platformEndpointsTagged(id).get(0);
            assertEquals(pending.endpointId(), endpoint.vpcEndpointId());
            assertEquals("pendingAcceptance", endpoint.stateAsString());
            assertEquals("vpc-0platform", endpoint.vpcId());

            try (Ec2Client customer = client(Ec2SimulatorResource.CUSTOMER_KEY)) {
                customer.acceptVpcEndpointConnections(r -> r.serviceId(service.serviceId())
                        .vpcEndpointIds(endpoint.vpcEndpointId()));
            }

            ConnectionStateChanged active = WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE);
            assertEquals(endpoint.vpcEndpointId(), active.endpointId());
            assertEquals(1, platformEndpointsTagged(id).size());
            // Each transition is published once, however many watch cycles saw the same state.
            await().atMost(WAIT).until(() -> cycle.completedPasses() > 0);
            long passes = cycle.completedPasses();
            await().atMost(WAIT).until(() -> cycle.completedPasses() >= passes + 2);
            assertEquals(List.of(ConnectionState.PENDING_ACCEPTANCE, ConnectionState.ACTIVE), WorkerEvents.statesOf(states, id));
        }
    }

    @Test
    void serviceThatDoesNotAllowThePlatformFailsNamingThePrincipalAndCreatesNothing() {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), false, true);
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains("arn:aws:iam::111111111111:root"), failed.message());
        }
        assertEquals(0, platformEndpointsTagged(id).size());
    }

    @Test
    void aServiceDescribedByZoneNamesOnlyHasItsZonesMappedThroughTheAccountsZoneTable() {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1, AZ2), true, true);
        Ec2SimulatorResource.simulator.describeServiceZonesByNameOnly(service.serviceId());
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());

            ConnectionStateChanged pending = WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE);
            assertEquals(List.of("use1-az1", "use1-az2"), pending.availabilityZoneIds());
        }
        assertEquals(1, platformEndpointsTagged(id).size());
    }

    @Test
    void serviceWithoutASharedZoneFailsListingBothZoneSets() {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ6), true, true);
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains("[use1-az6]") && failed.message().contains("[use1-az1, use1-az2]"),
                    failed.message());
        }
        assertEquals(0, platformEndpointsTagged(id).size());
    }

    @Test
    void aCreateAndADeleteAreEachOneTraceFromTheRequestThroughTheCloudCallsToTheStatesAnnounced() {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, false);
        String id = ConnectionIds.newId();
        String create = UUID.randomUUID().toString().replace("-", "");
        String delete = UUID.randomUUID().toString().replace("-", "");

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            ClusterPlacement placement = new ClusterPlacement("cluster-1", "project-1", CloudProvider.AWS, "us-east-1",
                    Ec2SimulatorResource.PLATFORM_ACCOUNT, Ec2SimulatorResource.VPC, List.of("use1-az1", "use1-az2"),
                    Ec2SimulatorResource.SUBNETS, "sg-0platform");
            WorkerEvents.sendTraced(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id,
                    new ConnectionRequested(id, "cluster-1", "kafka", ConnectionType.AWS_ENDPOINT_SERVICE,
                            service.serviceName(), "us-east-1", "alice", WorkerEvents.now(), placement,
                            WorkerEvents.nextVersion()), RecordedSpans.callerTraceParent(create, "00f067aa0ba902b7"));
            WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE);
            // Announced by the create step, and by a later pass that watched the endpoint: both in the request's trace.
            assertEquals(List.of(create), traceIdsOf(states, id), "every state announced in the create's trace");

            SpanData consumed = RecordedSpans.await(create, SpanKind.CONSUMER, n -> n.startsWith("process "), WAIT);
            SpanData step = RecordedSpans.await(create, SpanKind.INTERNAL, "reconcile create"::equals, WAIT);
            SpanData call = RecordedSpans.await(create, SpanKind.CLIENT, n -> n.endsWith("CreateVpcEndpoint"), WAIT);
            assertEquals("00f067aa0ba902b7", consumed.getParentSpanId(), "the request continues the sender's trace");
            assertEquals(consumed.getSpanId(), step.getParentSpanId(), "the pass's step continues the request's");
            assertEquals(step.getSpanId(), call.getParentSpanId(), "the SDK call is the step's child");
            RecordedSpans.await(create, SpanKind.PRODUCER, ("publish " + Topics.CONNECTION_STATE)::equals, WAIT);

            WorkerEvents.sendTraced(bootstrapServers, Topics.CONNECTION_REQUESTS,
                    EventTypes.CONNECTION_DELETION_REQUESTED, id, new ConnectionDeletionRequested(id, "cluster-1",
                            ConnectionType.AWS_ENDPOINT_SERVICE, "bob", WorkerEvents.now(), WorkerEvents.nextVersion()),
                    RecordedSpans.callerTraceParent(delete, "00f067aa0ba902b8"));
            WorkerEvents.awaitDeleted(states, id);
            RecordedSpans.await(delete, SpanKind.CLIENT, n -> n.endsWith("DeleteVpcEndpoints"), WAIT);
            List<String> traces = traceIdsOf(states, id);
            assertEquals(delete, traces.get(traces.size() - 1), "the deletion announced in the delete's trace");
        }
    }

    /** The distinct trace ids of the connection's announcements, in order. */
    private static List<String> traceIdsOf(TopicProbe states, String id) {
        return states.readToEnd().stream().filter(r -> id.equals(r.key()))
                .map(r -> RecordedSpans.traceIdOf(new String(r.headers().lastHeader("traceparent").value(),
                        java.nio.charset.StandardCharsets.UTF_8)))
                .distinct().toList();
    }

    @Test
    void deleteRemovesTheEndpointAndAnnouncesTheDeletion() {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, false);
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());
            WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE);
            // The service accepts by itself: the connection never waited for anyone's acceptance.
            assertFalse(WorkerEvents.statesOf(states, id).contains(ConnectionState.PENDING_ACCEPTANCE), WorkerEvents.statesOf(states, id).toString());

            WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_DELETION_REQUESTED, id,
                    new ConnectionDeletionRequested(id, "cluster-1", ConnectionType.AWS_ENDPOINT_SERVICE, "bob", WorkerEvents.now(), WorkerEvents.nextVersion()));

            WorkerEvents.awaitState(states, id, ConnectionState.DELETING);
            WorkerEvents.awaitDeleted(states, id);
        }
        assertEquals(0, platformEndpointsTagged(id).size());
    }

    @Test
    void workerDyingBetweenTheCloudCallAndRecordingItLeavesExactlyOneEndpoint() {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, true);
        String id = ConnectionIds.newId();
        CrashAfterCreate.CRASH_ONCE.add(id);

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());
            ConnectionStateChanged pending = WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE);

            assertFalse(CrashAfterCreate.CRASH_ONCE.contains(id), "the crash happened");
            List<VpcEndpoint> endpoints = platformEndpointsTagged(id);
            assertEquals(1, endpoints.size());
            assertEquals(endpoints.get(0).vpcEndpointId(), pending.endpointId());
        }
    }

    @Test
    void ownerRejectingTheEndpointFailsTheConnection() {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, true);
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());
            String endpointId = WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE).endpointId();
            try (Ec2Client customer = client(Ec2SimulatorResource.CUSTOMER_KEY)) {
                customer.rejectVpcEndpointConnections(r -> r.serviceId(service.serviceId()).vpcEndpointIds(endpointId));
            }

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains("rejected"), failed.message());
        }
    }

    @Test
    void endpointNotAcceptedByTheDeadlineIsRemovedAndTheConnectionFails() throws Exception {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, true);
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());
            String endpointId = WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE).endpointId();
            // Seven days pass: the deadline recorded when the request arrived is now behind us.
            execute("UPDATE managed_endpoint SET accept_deadline = now() - interval '1 minute' WHERE connection_id = '"
                    + id + "'");

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains("did not accept the connection within 7 days"), failed.message());
            await().atMost(WAIT).until(() -> Ec2SimulatorResource.simulator.endpointState(endpointId).isEmpty());
        }
    }

    @Test
    void endpointDeletedOutsideTheSystemFailsTheConnectionWithinACycle() {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, false);
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());
            String endpointId = WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE).endpointId();
            Ec2SimulatorResource.simulator.deleteEndpointOutOfBand(endpointId);

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains("deleted outside this system"), failed.message());
        }
    }

    @Test
    void orphanSweepRemovesThisDeploymentsUnownedEndpointOnlyAfterTheGraceAndKeepsAnotherDeploymentsForGood() {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, true);
        // One endpoint this deployment ("test") made for a connection it does not know (an empty or restored
        // database), one that another deployment sharing the account and VPC made for one of its connections.
        String ownOrphan = createTaggedEndpoint(service, "test", ConnectionIds.newId());
        String othersEndpoint = createTaggedEndpoint(service, "staging", ConnectionIds.newId());
        Instant made = Instant.now();
        Duration grace = workerConfig.orphanSweep().grace();
        // A live connection in the region keeps the region watched.
        request(ConnectionIds.newId(), service.serviceName());

        await().atMost(WAIT).until(() -> Ec2SimulatorResource.simulator.endpointState(ownOrphan).isEmpty());
        Duration keptFor = Duration.between(made, Instant.now());
        assertTrue(keptFor.compareTo(grace) >= 0, "deleted after " + keptFor + ", within the grace " + grace);

        // Passes enough to outlast the grace twice more: the other deployment's endpoint is never touched.
        long passes = cycle.completedPasses();
        Instant graceOver = Instant.now().plus(grace.multipliedBy(2));
        await().atMost(WAIT).until(() -> cycle.completedPasses() >= passes + 5 && Instant.now().isAfter(graceOver));
        assertTrue(Ec2SimulatorResource.simulator.endpointState(othersEndpoint).isPresent(),
                "another deployment's endpoint was deleted");
    }

    private static String createTaggedEndpoint(Ec2Simulator.ServiceRef service, String deployment, String connectionId) {
        try (Ec2Client platform = client(Ec2SimulatorResource.PLATFORM_KEY)) {
            return platform.createVpcEndpoint(r -> r.vpcId(Ec2SimulatorResource.VPC)
                    .serviceName(service.serviceName()).vpcEndpointType("Interface")
                    .subnetIds(Ec2SimulatorResource.SUBNETS.get("use1-az1"))
                    .tagSpecifications(t -> t.resourceType("vpc-endpoint").tags(
                            tag -> tag.key("dataflow-privatelink:connection-id").value(connectionId),
                            tag -> tag.key("dataflow-privatelink:deployment-id").value(deployment))))
                    .vpcEndpoint().vpcEndpointId();
        }
    }

    @Test
    void deleteWorksFromCreatingPendingAcceptanceAndFailed() {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, true);
        Ec2Simulator.ServiceRef hidden = Ec2SimulatorResource.customerService(List.of(AZ1), false, true);
        String creating = ConnectionIds.newId();
        String pending = ConnectionIds.newId();
        String failed = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(pending, service.serviceName());
            request(failed, hidden.serviceName());
            WorkerEvents.awaitState(states, pending, ConnectionState.PENDING_ACCEPTANCE);
            WorkerEvents.awaitState(states, failed, ConnectionState.FAILED);
            // Requested and at once deleted: the worker may or may not have created the endpoint yet.
            request(creating, service.serviceName());
            for (String id : List.of(creating, pending, failed)) {
                WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_DELETION_REQUESTED, id,
                        new ConnectionDeletionRequested(id, "cluster-1", ConnectionType.AWS_ENDPOINT_SERVICE, "bob", WorkerEvents.now(), WorkerEvents.nextVersion()));
            }

            for (String id : List.of(creating, pending, failed)) {
                WorkerEvents.awaitDeleted(states, id);
                await().atMost(WAIT).until(() -> platformEndpointsTagged(id).isEmpty());
            }
        }
    }

    @Test
    void aCreateTheCloudKeepsRefusingShowsAsTheOldestPendingIntentAndAFailedCall() {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, true);
        String id = ConnectionIds.newId();
        Metrics before = Metrics.scrape(metrics);
        Ec2SimulatorResource.simulator.injectFault("CreateVpcEndpoint", FaultSpec.serviceUnavailable());
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());
            await().atMost(WAIT).untilAsserted(() -> {
                Metrics now = Metrics.scrape(metrics);
                assertTrue(now.sum("plc_reconcile_oldest_pending_seconds") >= 2, "the create waits, and it shows");
                double failed = now.sum("plc_cloud_calls_total", "action", "CreateVpcEndpoint")
                        - now.sum("plc_cloud_calls_total", "action", "CreateVpcEndpoint", "outcome", "OK");
                double failedBefore = before.sum("plc_cloud_calls_total", "action", "CreateVpcEndpoint")
                        - before.sum("plc_cloud_calls_total", "action", "CreateVpcEndpoint", "outcome", "OK");
                assertTrue(failed > failedBefore, "the refused calls are counted with their code");
            });
            Ec2SimulatorResource.simulator.clearFaults();
            WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE);
        } finally {
            Ec2SimulatorResource.simulator.clearFaults();
        }
    }

    @Test
    void throttlingStormEndsWithEveryConnectionInItsRightState() {
        Ec2Simulator.ServiceRef manual = Ec2SimulatorResource.customerService(List.of(AZ1, AZ2), true, true);
        Ec2Simulator.ServiceRef automatic = Ec2SimulatorResource.customerService(List.of(AZ1, AZ2), true, false);
        List<String> waiting = List.of(ConnectionIds.newId(), ConnectionIds.newId(), ConnectionIds.newId());
        List<String> accepted = List.of(ConnectionIds.newId(), ConnectionIds.newId(), ConnectionIds.newId());
        long throttledBefore = Ec2SimulatorResource.simulator.throttledCount();
        Metrics before = Metrics.scrape(metrics);

        Ec2SimulatorResource.simulator.injectFault("*", FaultSpec.throttling().withProbability(0.6));
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            waiting.forEach(id -> request(id, manual.serviceName()));
            accepted.forEach(id -> request(id, automatic.serviceName()));

            waiting.forEach(id -> WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE));
            accepted.forEach(id -> WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE));
        } finally {
            Ec2SimulatorResource.simulator.clearFaults();
        }
        assertTrue(Ec2SimulatorResource.simulator.throttledCount() > throttledBefore, "the storm throttled calls");
        // the metrics tell the same story: six creates done, throttled attempts, budget waits, passes, all shards
        Metrics after = Metrics.scrape(metrics);
        assertTrue(after.sum("plc_cloud_calls_total", "cloud", "AWS", "action", "CreateVpcEndpoint", "outcome", "OK")
                >= before.sum("plc_cloud_calls_total", "cloud", "AWS", "action", "CreateVpcEndpoint", "outcome", "OK") + 6);
        assertTrue(ec2Throttles(after) > ec2Throttles(before), "throttled EC2 attempts counted");
        assertTrue(after.sum("plc_cloud_budget_wait_seconds_count", "budget", "ec2-mutate", "outcome", "granted")
                >= before.sum("plc_cloud_budget_wait_seconds_count", "budget", "ec2-mutate", "outcome", "granted") + 6);
        assertTrue(after.sum("plc_reconcile_pass_seconds_count") > before.sum("plc_reconcile_pass_seconds_count"));
        assertEquals(leases.current().shards().size(), (int) after.sum("plc_shards_held"));
        for (String id : waiting) {
            assertEquals(1, platformEndpointsTagged(id).size());
        }
        for (String id : accepted) {
            assertEquals(1, platformEndpointsTagged(id).size());
        }
    }

    /** Throttled attempts of EC2's actions (the storm throttles STS too). */
    private static double ec2Throttles(Metrics page) {
        return page.sum("plc_cloud_throttles_total", "cloud", "AWS")
                - page.sum("plc_cloud_throttles_total", "cloud", "AWS", "action", "GetCallerIdentity")
                - page.sum("plc_cloud_throttles_total", "cloud", "AWS", "action", "AssumeRole");
    }

    @Test
    void connectionsInShardsAnotherInstanceLeasesAreLeftToThatInstance() {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, false);
        // Fixed ids: which shard each falls in is then the same on every run (both halves are represented).
        List<String> ids = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "plc-shard-split-" + i).toList();
        // Another instance of the worker leases the odd shards, for an hour; this one keeps the even ones.
        Sql.execute("UPDATE reconcile_shard SET owner = 'another-instance', epoch = epoch + 1,"
                + " expires_at = now() + interval '1 hour' WHERE shard % 2 = 1");
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            await().atMost(WAIT).until(() -> leases.renew().shards().equals(
                    java.util.Set.of(0, 2, 4, 6, 8, 10, 12, 14)));
            ids.forEach(id -> request(id, service.serviceName()));
            await().atMost(WAIT).until(() -> Sql.count(
                    "SELECT count(*) FROM managed_endpoint WHERE connection_id LIKE 'plc-shard-split-%'") == 12);
            List<String> theirs = Sql.texts("SELECT connection_id FROM managed_endpoint"
                    + " WHERE connection_id LIKE 'plc-shard-split-%' AND shard % 2 = 1");
            List<String> mine = ids.stream().filter(id -> !theirs.contains(id)).toList();
            assertFalse(mine.isEmpty() || theirs.isEmpty(), "both instances have connections: " + theirs);

            mine.forEach(id -> WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> theirs.stream().allMatch(id -> platformEndpointsTagged(id).isEmpty()));

            // The other instance stops and gives its shards back: this one takes them and does the rest.
            Sql.execute("UPDATE reconcile_shard SET owner = NULL, expires_at = now() WHERE owner = 'another-instance'");
            theirs.forEach(id -> WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE));
            assertEquals(16, leases.current().shards().size(), "alone, the instance leases every shard");
        } finally {
            Sql.execute("UPDATE reconcile_shard SET owner = NULL, expires_at = now() WHERE owner = 'another-instance'");
        }
        ids.forEach(id -> assertEquals(1, platformEndpointsTagged(id).size(), id));
    }

    @Test
    void anInstanceWhoseShardWasTakenOverCannotRecordAnythingInIt() throws Throwable {
        Ec2Simulator.ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, true);
        String id = ConnectionIds.newId();
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());
            WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE);
            int shard = ((Number) Sql.single("SELECT shard FROM managed_endpoint WHERE connection_id = ?1", id)).intValue();
            HeldShards held = leases.renew();
            assertTrue(held.holds(shard));
            ManagedEndpoint row = VertxContextSupport.subscribeAndAwait(() ->
                    Panache.withSession(() -> endpoints.findManaged(id))).orElseThrow();
            // Another instance takes the shard over (its lease had expired): a new epoch.
            Sql.execute("UPDATE reconcile_shard SET owner = 'another-instance', epoch = epoch + 1,"
                    + " expires_at = now() + interval '1 hour' WHERE shard = ?1", shard);
            try {
                boolean recorded = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                        recorder.record(row, Outcome.failed(row, "a late outcome of the old owner"), held, null)));

                assertFalse(recorded, "fenced: the epoch the old owner holds is no longer the shard's");
                assertEquals("PENDING_ACCEPTANCE",
                        Sql.text("SELECT state FROM managed_endpoint WHERE connection_id = ?1", id));
                assertEquals(List.of(ConnectionState.PENDING_ACCEPTANCE), WorkerEvents.statesOf(states, id));
            } finally {
                Sql.execute("UPDATE reconcile_shard SET owner = NULL, expires_at = now() WHERE shard = ?1", shard);
            }
        }
    }

    private static void execute(String sql) {
        Sql.execute(sql);
    }

    private void request(String id, String serviceName) {
        ClusterPlacement placement = new ClusterPlacement("cluster-1", "project-1", CloudProvider.AWS, "us-east-1",
                Ec2SimulatorResource.PLATFORM_ACCOUNT, Ec2SimulatorResource.VPC, List.of("use1-az1", "use1-az2"),
                Ec2SimulatorResource.SUBNETS, "sg-0platform");
        WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, new ConnectionRequested(id, "cluster-1",
                "kafka", ConnectionType.AWS_ENDPOINT_SERVICE, serviceName, "us-east-1", "alice", WorkerEvents.now(), placement, WorkerEvents.nextVersion()));
    }





    private static List<VpcEndpoint> platformEndpointsTagged(String connectionId) {
        try (Ec2Client platform = client(Ec2SimulatorResource.PLATFORM_KEY)) {
            return platform.describeVpcEndpoints(r -> r.filters(Filter.builder()
                    .name("tag:dataflow-privatelink:connection-id").values(connectionId).build())).vpcEndpoints();
        }
    }

    private static Ec2Client client(String accessKey) {
        return Ec2Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(Ec2SimulatorResource.simulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

}
