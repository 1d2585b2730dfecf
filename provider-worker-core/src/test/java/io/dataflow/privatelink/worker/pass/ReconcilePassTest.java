package io.dataflow.privatelink.worker.pass;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.api.ConnectivityTest;
import io.dataflow.privatelink.contract.connectivity.CheckKind;
import io.dataflow.privatelink.contract.connectivity.ConnectivityCheck;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTestIds;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTestState;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectivityTestCompleted;
import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.testing.Sql;
import io.dataflow.privatelink.worker.service.ConnectivityTestRunner;
import io.dataflow.privatelink.worker.service.ReconcileCycle;
import io.dataflow.privatelink.worker.testing.WorkerEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reconcile pass ({@link ReconcileCycle}: its queues, backoffs and fenced recording) in this module, on
 * the real store and Kafka, against a scripted cloud ({@link ScriptedCloud}) instead of a provider's. It injects
 * nothing the workers lack: their tests see this class too (Quarkus resolves the test-jar to this module's
 * test classes).
 */
@QuarkusTest
@TestProfile(ScriptedCloudProfile.class)
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "provider_worker_core"))
class ReconcilePassTest {

    private static final Duration WAIT = WorkerEvents.WAIT;
    private static final String SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ReconcileCycle cycle;

    @Inject
    ConnectivityTestRunner tests;

    @Test
    void aCreateBackingOffDoesNotHoldUpTheDeleteOfTheSameConnection() {
        String id = ConnectionIds.newId();
        // A failure of this create alone (not the cloud's as a whole): it backs off, the others go on.
        ScriptedCloud.failCreates("InternalError");
        try (TopicProbe states = states()) {
            request(id);
            // Four failed attempts (2, 4, then 8 s apart): the create now waits 16 s before its next one, so a
            // delete held up by that backoff could not finish in less; 10 s leaves a loaded machine room.
            await().atMost(WAIT).until(() -> ScriptedCloud.createAttempts(id) >= 4);
            Instant asked = Instant.now();
            requestDeletion(id);

            WorkerEvents.awaitDeleted(states, id);
            Duration took = Duration.between(asked, Instant.now());
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "the delete waited " + took + " for the create's backoff");
            assertEquals(4, ScriptedCloud.createAttempts(id), "the create was still backing off when its delete went");
            assertEquals(List.of(), WorkerEvents.statesOf(states, id), "no endpoint was ever made");
        } finally {
            ScriptedCloud.failCreates(null);
        }
    }

    @Test
    void anInstanceWhoseShardWasTakenOverDuringAPassRecordsNothingOfThatPass() throws InterruptedException {
        String id = ConnectionIds.newId();
        try (TopicProbe states = states()) {
            request(id);
            WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE);
            int shard = ((Number) Sql.single("SELECT shard FROM managed_endpoint WHERE connection_id = ?1", id))
                    .intValue();

            // The owner accepts; the next pass's watch sees it, but while that pass is in the cloud another
            // instance takes the shard over (this one's lease had expired): a new epoch.
            ScriptedCloud.Hold watch = ScriptedCloud.holdNextWatch();
            ScriptedCloud.show(id, ConnectionState.ACTIVE, "available");
            assertTrue(watch.awaitEntered(WAIT), "a pass reached its watch");
            long passes = cycle.completedPasses();
            Sql.execute("UPDATE reconcile_shard SET owner = 'another-instance', epoch = epoch + 1,"
                    + " expires_at = now() + interval '1 hour' WHERE shard = ?1", shard);
            try {
                watch.release();
                await().atMost(WAIT).until(() -> cycle.completedPasses() >= passes + 2);

                assertEquals("PENDING_ACCEPTANCE",
                        Sql.text("SELECT state FROM managed_endpoint WHERE connection_id = ?1", id),
                        "fenced: the epoch the pass started with is no longer the shard's");
                assertEquals(List.of(ConnectionState.PENDING_ACCEPTANCE), WorkerEvents.statesOf(states, id));
            } finally {
                Sql.execute("UPDATE reconcile_shard SET owner = NULL, expires_at = now() WHERE shard = ?1", shard);
            }
            // Given back, the shard is this instance's again, and a pass records what the fenced one could not.
            WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE);
        }
    }

    @Test
    void oneTenantsBurstOfCreatesDelaysAnothersCreateByAboutOneTurnOfTheBudget() {
        String region = "eu-west-1"; // this test's own: the budget below slows no other test
        ScriptedCloud.budgetCreates(region, 1.0); // one create a second, as a spent budget refills
        List<String> burst = new ArrayList<>();
        try (TopicProbe states = states()) {
            for (int i = 0; i < 100; i++) {
                String id = ConnectionIds.newId();
                burst.add(id);
                request(id, "cluster-burst", "project-burst", region);
            }
            await().atMost(WAIT).until(() -> burst.stream().filter(id -> ScriptedCloud.createdAt(id).isPresent())
                    .count() >= 3);

            String single = ConnectionIds.newId();
            Instant asked = Instant.now();
            request(single, "cluster-single", "project-single", region);
            Instant created = await().atMost(WAIT).until(() -> ScriptedCloud.createdAt(single), Optional::isPresent)
                    .orElseThrow();
            Duration took = Duration.between(asked, created);
            long burstLeft = burst.stream().filter(id -> ScriptedCloud.createdAt(id).isEmpty()).count();
            // A pass a second and a token a second: about 2 s; behind the burst it would have been ~95 s.
            assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0,
                    "the single create waited " + took + "; " + burstLeft + " of the burst were still waiting");
            assertTrue(burstLeft > 80, "the burst was still in line: " + burstLeft);

            // A create far back in line says why it waits, with its place and an estimate, on the row and in an event.
            String last = burst.get(burst.size() - 1);
            await().atMost(WAIT).until(() -> String.valueOf(Sql.text(
                    "SELECT message FROM managed_endpoint WHERE connection_id = ?1", last))
                    .startsWith("Waiting for cloud capacity: number "));
            String message = Sql.text("SELECT message FROM managed_endpoint WHERE connection_id = ?1", last);
            assertTrue(message.contains(" in line for endpoint creates in " + region + " of account 111111111111, about "),
                    message);
            assertEquals(ConnectionState.CREATING, WorkerEvents.awaitState(states, last, ConnectionState.CREATING).state());
        } finally {
            ScriptedCloud.budgetCreates(region, null);
        }
    }

    @Test
    void aRegionWhoseBudgetIsSpentDelaysNoOtherRegion() {
        ScriptedCloud.spendRegion("ap-south-1", true);
        try {
            String stuck = ConnectionIds.newId();
            request(stuck, "cluster-south", "project-south", "ap-south-1");
            await().atMost(WAIT).until(() -> ScriptedCloud.createAttempts(stuck) >= 2); // it met the wall, twice

            String elsewhere = ConnectionIds.newId(); // newer than the stuck one, in another region
            request(elsewhere, "cluster-north", "project-north", "eu-north-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> ScriptedCloud.createdAt(elsewhere).isPresent());
            assertTrue(ScriptedCloud.createdAt(stuck).isEmpty());
        } finally {
            ScriptedCloud.spendRegion("ap-south-1", false);
        }
    }

    @Test
    void aConnectivityTestIsRunFromItsShardAndAnnouncedOnceWhateverIsRedeliveredOrRunAgain() {
        String id = ConnectionIds.newId();
        try (TopicProbe states = states()) {
            request(id);
            WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE);
            ConnectivityTestRequested test = new ConnectivityTestRequested(id, "cluster-1",
                    ConnectionType.AWS_ENDPOINT_SERVICE, ConnectivityTestIds.newId(), List.of(), 9092, true, "alice",
                    WorkerEvents.now(), WorkerEvents.nextVersion());
            WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTIVITY_TEST_REQUESTED, id, test);

            ConnectivityTest done = CloudEventKafka.fromRecord(states.awaitRecord(r -> isCompletion(r, id), WAIT))
                    .dataAs(ConnectivityTestCompleted.class).test();
            assertEquals(test.testId(), done.testId());
            assertEquals(ConnectivityTestState.FAILED, done.state());
            ConnectivityCheck first = done.checks().get(0);
            assertEquals(CheckKind.CONNECTION_ACTIVE, first.check());
            assertTrue(first.advice().startsWith("Ask the endpoint service's owner to accept endpoint "), first.advice());

            // The request again (Kafka redelivers) and more turns (another run after a crash would be one): nothing more.
            long processed = Sql.count("SELECT count(*) FROM processed_event");
            WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTIVITY_TEST_REQUESTED, id, test);
            await().atMost(WAIT).until(() -> Sql.count("SELECT count(*) FROM processed_event") > processed);
            tests.run();
            tests.run();
            assertEquals(1, states.readToEnd().stream().filter(r -> isCompletion(r, id)).count(), "announced once");
        }
    }

    @Test
    void aTestAskedLongerAgoThanItsExpiryFailsAsExpiredWithoutRunning() {
        String id = ConnectionIds.newId();
        try (TopicProbe states = states()) {
            ConnectivityTestRequested old = new ConnectivityTestRequested(id, "cluster-1",
                    ConnectionType.AWS_ENDPOINT_SERVICE, ConnectivityTestIds.newId(), List.of(), 9092, false, "alice",
                    WorkerEvents.now().minus(Duration.ofMinutes(11)), WorkerEvents.nextVersion());
            WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTIVITY_TEST_REQUESTED, id, old);
            ConnectivityTest done = CloudEventKafka.fromRecord(states.awaitRecord(r -> isCompletion(r, id), WAIT))
                    .dataAs(ConnectivityTestCompleted.class).test();
            assertEquals(ConnectivityTestState.FAILED, done.state());
            assertEquals(1, done.checks().size());
            assertTrue(done.checks().get(0).observed().startsWith("The test expired before a worker ran it"),
                    done.checks().get(0).observed());
        }
    }

    private static boolean isCompletion(ConsumerRecord<String, String> record, String id) {
        return id.equals(record.key()) && EventTypes.CONNECTIVITY_TEST_COMPLETED.equals(
                new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
    }

    private TopicProbe states() {
        return TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE);
    }

    private void request(String id) {
        request(id, "cluster-1", "project-1", "us-east-1");
    }

    private void request(String id, String clusterId, String projectId, String region) {
        ClusterPlacement placement = new ClusterPlacement(clusterId, projectId, CloudProvider.AWS, region,
                "111111111111", "vpc-0platform", ScriptedCloud.ZONES,
                Map.of("use1-az1", "subnet-0az1", "use1-az2", "subnet-0az2"), "sg-0platform");
        WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id,
                new ConnectionRequested(id, clusterId, "kafka", ConnectionType.AWS_ENDPOINT_SERVICE,
                        SERVICE.replace("us-east-1", region),
                        region, "alice", WorkerEvents.now(), placement, WorkerEvents.nextVersion()));
    }

    private void requestDeletion(String id) {
        WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_DELETION_REQUESTED, id,
                new ConnectionDeletionRequested(id, "cluster-1", ConnectionType.AWS_ENDPOINT_SERVICE, "bob",
                        WorkerEvents.now(), WorkerEvents.nextVersion()));
    }
}
