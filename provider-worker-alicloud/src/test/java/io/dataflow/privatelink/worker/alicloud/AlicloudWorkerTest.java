package io.dataflow.privatelink.worker.alicloud;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointRequest;
import com.aliyuncs.privatelink.model.v20200415.DisableVpcEndpointConnectionRequest;
import com.aliyuncs.privatelink.model.v20200415.EnableVpcEndpointConnectionRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsResponse;
import com.aliyuncs.profile.DefaultProfile;
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
import io.dataflow.privatelink.kit.testing.Metrics;
import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulator;
import io.dataflow.privatelink.simulator.common.FaultSpec;
import io.dataflow.privatelink.worker.testing.CrashAfterCreate;
import io.dataflow.privatelink.worker.testing.WorkerEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import io.dataflow.privatelink.kit.testing.Sql;

import io.dataflow.privatelink.worker.config.WorkerConfig;
import io.dataflow.privatelink.worker.ownership.DeploymentIdentity;
import io.dataflow.privatelink.worker.service.ReconcileCycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.dataflow.privatelink.worker.alicloud.AlicloudSimulatorResource.REGION;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Alibaba Cloud worker on its side: requests from Kafka, the real SDK against the simulator, events out. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "provider_worker_alicloud"))
@QuarkusTestResource(value = AlicloudSimulatorResource.class, restrictToAnnotatedClass = true)
class AlicloudWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ReconcileCycle cycle;

    @Inject
    WorkerConfig workerConfig;
    private static final List<String> BOTH_ZONES = List.of("cn-hangzhou-i", "cn-hangzhou-j");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @io.quarkus.test.common.http.TestHTTPResource(value = "metrics", management = true)
    java.net.URL metrics;


    @Test
    void aCreateIsOneTraceFromTheRequestThroughTheCloudCallsToTheStateAnnounced() {
        AlicloudSimulator.ServiceRef service = AlicloudSimulatorResource.customerService(BOTH_ZONES, true, false);
        String id = ConnectionIds.newId();
        String trace = java.util.UUID.randomUUID().toString().replace("-", "");

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            WorkerEvents.sendTraced(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id,
                    requested(id, service.serviceName()), RecordedSpans.callerTraceParent(trace, "00f067aa0ba902b7"));
            WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE);
            String announced = new String(states.readToEnd().stream().filter(r -> id.equals(r.key())).findFirst()
                    .orElseThrow().headers().lastHeader("traceparent").value(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(trace, RecordedSpans.traceIdOf(announced), announced);
        }
        SpanData step = RecordedSpans.await(trace, SpanKind.INTERNAL, "reconcile create"::equals, WorkerEvents.WAIT);
        SpanData call = RecordedSpans.await(trace, SpanKind.CLIENT, "Alicloud.CreateVpcEndpoint"::equals,
                WorkerEvents.WAIT);
        assertEquals(step.getSpanId(), call.getParentSpanId(), "the API call is the reconcile step's child");
    }

    @Test
    void createsTheEndpointAndFollowsItThroughEnableToActive() throws ClientException {
        AlicloudSimulator.ServiceRef service = AlicloudSimulatorResource.customerService(BOTH_ZONES, true, false);
        String id = ConnectionIds.newId();
        Metrics before = Metrics.scrape(metrics);

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());

            ConnectionStateChanged pending = WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE);
            assertEquals(BOTH_ZONES, pending.availabilityZoneIds());
            List<ListVpcEndpointsResponse.Endpoint> endpoints = platformEndpointsNamed(id);
            assertEquals(1, endpoints.size());
            assertEquals(pending.endpointId(), endpoints.get(0).getEndpointId());

            EnableVpcEndpointConnectionRequest enable = new EnableVpcEndpointConnectionRequest();
            enable.setServiceId(service.serviceId());
            enable.setEndpointId(pending.endpointId());
            owner(enable);

            assertEquals(pending.endpointId(), WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE).endpointId());
        }
        // the Alibaba Cloud worker reports into the same series as the AWS one: the create, and its budget token
        Metrics after = Metrics.scrape(metrics);
        assertEquals(before.sum("plc_cloud_calls_total", "cloud", "ALICLOUD", "action", "CreateVpcEndpoint", "outcome", "OK") + 1,
                after.sum("plc_cloud_calls_total", "cloud", "ALICLOUD", "action", "CreateVpcEndpoint", "outcome", "OK"));
        org.junit.jupiter.api.Assertions.assertTrue(
                after.sum("plc_cloud_budget_wait_seconds_count", "cloud", "ALICLOUD", "budget", "mutate", "outcome", "granted")
                > before.sum("plc_cloud_budget_wait_seconds_count", "cloud", "ALICLOUD", "budget", "mutate", "outcome", "granted"));
    }

    @Test
    void serviceThatDoesNotWhitelistThePlatformFailsNamingTheAccountAndCreatesNothing() throws ClientException {
        AlicloudSimulator.ServiceRef service = AlicloudSimulatorResource.customerService(BOTH_ZONES, false, false);
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains("whitelist")
                    && failed.message().contains(AlicloudSimulatorResource.PLATFORM_UID), failed.message());
        }
        assertEquals(0, platformEndpointsNamed(id).size());
    }

    @Test
    void serviceWithoutASharedZoneFailsListingBothZoneSets() throws ClientException {
        AlicloudSimulator.ServiceRef service = AlicloudSimulatorResource.customerService(List.of("cn-hangzhou-k"),
                true, false);
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains("[cn-hangzhou-k]")
                    && failed.message().contains("[cn-hangzhou-i, cn-hangzhou-j]"), failed.message());
        }
        assertEquals(0, platformEndpointsNamed(id).size());
    }

    @Test
    void ownerDisablingTheConnectionFailsIt() throws ClientException {
        AlicloudSimulator.ServiceRef service = AlicloudSimulatorResource.customerService(BOTH_ZONES, true, true);
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());
            String endpointId = WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE).endpointId();

            DisableVpcEndpointConnectionRequest disable = new DisableVpcEndpointConnectionRequest();
            disable.setServiceId(service.serviceId());
            disable.setEndpointId(endpointId);
            owner(disable);

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains("Disconnect"), failed.message());
        }
    }

    @Test
    void deleteRemovesTheEndpointAndAnnouncesTheDeletion() throws ClientException {
        AlicloudSimulator.ServiceRef service = AlicloudSimulatorResource.customerService(BOTH_ZONES, true, true);
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());
            WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE);

            WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_DELETION_REQUESTED, id,
                    new ConnectionDeletionRequested(id, "cluster-ali", ConnectionType.ALICLOUD_ENDPOINT_SERVICE, "bob",
                            WorkerEvents.now(), WorkerEvents.nextVersion()));

            WorkerEvents.awaitDeleted(states, id);
        }
        assertEquals(0, platformEndpointsNamed(id).size());
    }

    @Test
    void deleteWorksFromCreatingPendingAcceptanceAndFailed() {
        AlicloudSimulator.ServiceRef service = AlicloudSimulatorResource.customerService(BOTH_ZONES, true, false);
        AlicloudSimulator.ServiceRef hidden = AlicloudSimulatorResource.customerService(BOTH_ZONES, false, false);
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
                        new ConnectionDeletionRequested(id, "cluster-ali", ConnectionType.ALICLOUD_ENDPOINT_SERVICE,
                                "bob", WorkerEvents.now(), WorkerEvents.nextVersion()));
            }

            for (String id : List.of(creating, pending, failed)) {
                WorkerEvents.awaitDeleted(states, id);
                await().atMost(WAIT).until(() -> platformEndpointsNamed(id).isEmpty());
            }
        }
    }

    @Test
    void throttlingStormEndsWithEveryConnectionInItsRightState() throws ClientException {
        AlicloudSimulator.ServiceRef manual = AlicloudSimulatorResource.customerService(BOTH_ZONES, true, false);
        AlicloudSimulator.ServiceRef automatic = AlicloudSimulatorResource.customerService(BOTH_ZONES, true, true);
        List<String> waiting = List.of(ConnectionIds.newId(), ConnectionIds.newId());
        List<String> accepted = List.of(ConnectionIds.newId(), ConnectionIds.newId());
        long throttledBefore = AlicloudSimulatorResource.simulator.throttledCount();

        AlicloudSimulatorResource.simulator.injectFault("*", FaultSpec.throttling().withProbability(0.5));
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            waiting.forEach(id -> request(id, manual.serviceName()));
            accepted.forEach(id -> request(id, automatic.serviceName()));

            waiting.forEach(id -> WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE));
            accepted.forEach(id -> WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE));
        } finally {
            AlicloudSimulatorResource.simulator.clearFaults();
        }
        assertTrue(AlicloudSimulatorResource.simulator.throttledCount() > throttledBefore, "the storm throttled calls");
        for (String id : waiting) {
            assertEquals(1, platformEndpointsNamed(id).size());
        }
        for (String id : accepted) {
            assertEquals(1, platformEndpointsNamed(id).size());
        }
    }

    @Test
    void workerDyingBetweenTheCloudCallAndRecordingItLeavesExactlyOneEndpoint() throws ClientException {
        AlicloudSimulator.ServiceRef service = AlicloudSimulatorResource.customerService(BOTH_ZONES, true, false);
        String id = ConnectionIds.newId();
        CrashAfterCreate.CRASH_ONCE.add(id);

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());
            ConnectionStateChanged pending = WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE);

            assertFalse(CrashAfterCreate.CRASH_ONCE.contains(id), "the crash happened");
            List<ListVpcEndpointsResponse.Endpoint> endpoints = platformEndpointsNamed(id);
            assertEquals(1, endpoints.size());
            assertEquals(endpoints.get(0).getEndpointId(), pending.endpointId());
        }
    }

    @Test
    void endpointNotAcceptedByTheDeadlineIsRemovedAndTheConnectionFails() throws Exception {
        AlicloudSimulator.ServiceRef service = AlicloudSimulatorResource.customerService(BOTH_ZONES, true, false);
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());
            String endpointId = WorkerEvents.awaitState(states, id, ConnectionState.PENDING_ACCEPTANCE).endpointId();
            Sql.execute("UPDATE managed_endpoint SET accept_deadline = now() - interval '1 minute'"
                    + " WHERE connection_id = ?1", id);

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains("did not accept the connection within 7 days"), failed.message());
            await().atMost(WAIT).until(() ->
                    AlicloudSimulatorResource.simulator.endpointStatus(endpointId).isEmpty());
        }
    }

    @Test
    void endpointDeletedOutsideTheSystemFailsTheConnection() {
        AlicloudSimulator.ServiceRef service = AlicloudSimulatorResource.customerService(BOTH_ZONES, true, true);
        String id = ConnectionIds.newId();

        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            request(id, service.serviceName());
            String endpointId = WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE).endpointId();
            AlicloudSimulatorResource.simulator.deleteEndpointOutOfBand(endpointId);

            ConnectionStateChanged failed = WorkerEvents.awaitState(states, id, ConnectionState.FAILED);
            assertTrue(failed.message().contains("deleted outside this system"), failed.message());
        }
    }

    @Test
    void orphanSweepRemovesThisDeploymentsUnownedEndpointOnlyAfterTheGraceAndKeepsAnotherDeploymentsForGood()
            throws ClientException {
        AlicloudSimulator.ServiceRef service = AlicloudSimulatorResource.customerService(BOTH_ZONES, true, true);
        // Marked by this deployment ("test") for a connection it does not know, and by another deployment.
        String ownOrphan = createMarkedEndpoint(service, new DeploymentIdentity("test"));
        String othersEndpoint = createMarkedEndpoint(service, new DeploymentIdentity("staging"));
        Instant made = Instant.now();
        Duration grace = workerConfig.orphanSweep().grace();
        // A live connection in the region keeps the region watched.
        request(ConnectionIds.newId(), service.serviceName());

        await().atMost(WAIT).until(() -> AlicloudSimulatorResource.simulator.endpointStatus(ownOrphan).isEmpty());
        Duration keptFor = Duration.between(made, Instant.now());
        assertTrue(keptFor.compareTo(grace) >= 0, "deleted after " + keptFor + ", within the grace " + grace);

        long passes = cycle.completedPasses();
        Instant graceOver = Instant.now().plus(grace.multipliedBy(2));
        await().atMost(WAIT).until(() -> cycle.completedPasses() >= passes + 5 && Instant.now().isAfter(graceOver));
        assertTrue(AlicloudSimulatorResource.simulator.endpointStatus(othersEndpoint).isPresent(),
                "another deployment's endpoint was deleted");
    }

    private static String createMarkedEndpoint(AlicloudSimulator.ServiceRef service, DeploymentIdentity deployment)
            throws ClientException {
        String connectionId = ConnectionIds.newId();
        CreateVpcEndpointRequest create = new CreateVpcEndpointRequest();
        create.setSysProtocol(ProtocolType.HTTP);
        create.setServiceName(service.serviceName());
        create.setVpcId(AlicloudSimulatorResource.VPC);
        create.setSecurityGroupIds(List.of("sg-bp1platformtest0001"));
        CreateVpcEndpointRequest.Zone zone = new CreateVpcEndpointRequest.Zone();
        zone.setZoneId("cn-hangzhou-i");
        zone.setVSwitchId(AlicloudSimulatorResource.VSWITCHES.get("cn-hangzhou-i"));
        create.setZones(List.of(zone));
        create.setEndpointName(connectionId);
        create.setEndpointDescription(deployment.endpointMarker(connectionId));
        return client(AlicloudSimulatorResource.PLATFORM_KEY, AlicloudSimulatorResource.PLATFORM_SECRET)
                .getAcsResponse(create).getEndpointId();
    }

    private void request(String id, String serviceName) {
        WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id,
                requested(id, serviceName));
    }

    private static ConnectionRequested requested(String id, String serviceName) {
        ClusterPlacement placement = new ClusterPlacement("cluster-ali", "project-1", CloudProvider.ALICLOUD, REGION,
                AlicloudSimulatorResource.PLATFORM_UID, AlicloudSimulatorResource.VPC, BOTH_ZONES,
                AlicloudSimulatorResource.VSWITCHES, "sg-bp1platformtest0001");
        return new ConnectionRequested(id, "cluster-ali", "db", ConnectionType.ALICLOUD_ENDPOINT_SERVICE, serviceName,
                REGION, "alice", WorkerEvents.now(), placement, WorkerEvents.nextVersion());
    }




    /** Endpoints of the platform account named for the connection, as the console would list them. */
    private static List<ListVpcEndpointsResponse.Endpoint> platformEndpointsNamed(String connectionId)
            throws ClientException {
        ListVpcEndpointsRequest list = new ListVpcEndpointsRequest();
        list.setEndpointName(connectionId);
        list.setSysProtocol(ProtocolType.HTTP);
        return client(AlicloudSimulatorResource.PLATFORM_KEY, AlicloudSimulatorResource.PLATFORM_SECRET)
                .getAcsResponse(list).getEndpoints();
    }

    private static void owner(com.aliyuncs.AcsRequest<?> request) throws ClientException {
        request.setSysProtocol(ProtocolType.HTTP);
        client(AlicloudSimulatorResource.OWNER_KEY, AlicloudSimulatorResource.OWNER_SECRET).getAcsResponse(request);
    }

    private static DefaultAcsClient client(String key, String secret) {
        DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile(REGION, key, secret));
        client.setEndpointResolver(request -> AlicloudSimulatorResource.simulator.hostAndPort());
        return client;
    }

}
