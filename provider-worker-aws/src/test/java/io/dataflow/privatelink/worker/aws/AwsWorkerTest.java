package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.testing.Metrics;
import io.dataflow.privatelink.kit.testing.Sql;
import io.dataflow.privatelink.kit.testing.TableLock;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.FaultSpec;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.worker.lease.HeldShards;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;
import io.dataflow.privatelink.worker.reconcile.Outcome;
import io.dataflow.privatelink.worker.repository.ManagedEndpointRepository;
import io.dataflow.privatelink.worker.service.OutcomeRecorder;
import io.dataflow.privatelink.worker.testing.CloudSide;
import io.dataflow.privatelink.worker.testing.WorkerContract;
import io.dataflow.privatelink.worker.testing.WorkerEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static io.dataflow.privatelink.worker.aws.Ec2SimulatorResource.AZ1;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS worker end to end on its side: requests from Kafka, real EC2 SDK calls to the simulator, events out.
 * What every worker must do is {@link WorkerContract}'s, run here against EC2; below is what only this worker
 * is tested for.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "provider_worker_aws"))
@QuarkusTestResource(value = Ec2SimulatorResource.class, restrictToAnnotatedClass = true)
class AwsWorkerTest extends WorkerContract {

    private static final Ec2Side EC2 = new Ec2Side();

    @Inject
    OutcomeRecorder recorder;

    @Inject
    ManagedEndpointRepository endpoints;

    @io.quarkus.test.common.http.TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @io.quarkus.test.common.http.TestHTTPResource(value = "health/live", management = true)
    URL live;

    @io.quarkus.test.common.http.TestHTTPResource(value = "health/ready", management = true)
    URL ready;

    @Override
    protected CloudSide cloud() {
        return EC2;
    }

    @Override
    protected URL metrics() {
        return metrics;
    }

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
    void aServiceDescribedByZoneNamesOnlyHasItsZonesMappedThroughTheAccountsZoneTable() {
        ServiceRef service = EC2.createService(platformZones(), true, Acceptance.MANUAL);
        Ec2SimulatorResource.simulator.describeServiceZonesByNameOnly(service.serviceId());
        String id = ConnectionIds.newId();

        try (TopicProbe states = states()) {
            request(id, service.serviceName());

            ConnectionStateChanged pending = WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE);
            assertEquals(List.of("use1-az1", "use1-az2"), pending.availabilityZoneIds());
        }
        assertEquals(1, EC2.endpointsOf(id).size());
    }

    @Test
    void aCreateTheCloudKeepsRefusingShowsAsTheOldestPendingIntentAndAFailedCall() {
        ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, Acceptance.MANUAL);
        String id = ConnectionIds.newId();
        Metrics before = Metrics.scrape(metrics);
        Ec2SimulatorResource.simulator.injectFault("CreateVpcEndpoint", FaultSpec.serviceUnavailable());
        try (TopicProbe states = states()) {
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
    void connectionsInShardsAnotherInstanceLeasesAreLeftToThatInstance() {
        ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, Acceptance.AUTOMATIC);
        // Fixed ids: which shard each falls in is then the same on every run (both halves are represented).
        List<String> ids = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "plc-shard-split-" + i).toList();
        // Another instance of the worker leases the odd shards, for an hour; this one keeps the even ones.
        Sql.execute("UPDATE reconcile_shard SET owner = 'another-instance', epoch = epoch + 1,"
                + " expires_at = now() + interval '1 hour' WHERE shard % 2 = 1");
        try (TopicProbe states = states()) {
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
                    .until(() -> theirs.stream().allMatch(id -> EC2.endpointsOf(id).isEmpty()));

            // The other instance stops and gives its shards back: this one takes them and does the rest.
            Sql.execute("UPDATE reconcile_shard SET owner = NULL, expires_at = now() WHERE owner = 'another-instance'");
            theirs.forEach(id -> WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE));
            assertEquals(16, leases.current().shards().size(), "alone, the instance leases every shard");
        } finally {
            Sql.execute("UPDATE reconcile_shard SET owner = NULL, expires_at = now() WHERE owner = 'another-instance'");
        }
        ids.forEach(id -> assertEquals(1, EC2.endpointsOf(id).size(), id));
    }

    @Test
    void anInstanceWhoseShardWasTakenOverCannotRecordAnythingInIt() throws Throwable {
        ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1), true, Acceptance.MANUAL);
        String id = ConnectionIds.newId();
        try (TopicProbe states = states()) {
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
                        recorder.record(row, Outcome.failed(row, FailureReason.ENDPOINT_FAILED, "a late outcome of the old owner"),
                                held, null)));

                assertFalse(recorded, "fenced: the epoch the old owner holds is no longer the shard's");
                assertEquals("PENDING_ACCEPTANCE",
                        Sql.text("SELECT state FROM managed_endpoint WHERE connection_id = ?1", id));
                assertEquals(List.of(ConnectionState.PENDING_ACCEPTANCE), WorkerEvents.statesOf(states, id));
            } finally {
                Sql.execute("UPDATE reconcile_shard SET owner = NULL, expires_at = now() WHERE shard = ?1", shard);
            }
        }
    }
}
