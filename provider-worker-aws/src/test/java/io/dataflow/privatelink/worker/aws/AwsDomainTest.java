package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainNames;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.domains.DomainType;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.DnsAnswer;
import io.dataflow.privatelink.simulator.common.FaultSpec;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import io.dataflow.privatelink.worker.testing.CrashAfterZoneCreate;
import io.dataflow.privatelink.worker.testing.WorkerEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.VPCRegion;

import java.util.List;

import static io.dataflow.privatelink.worker.aws.Ec2SimulatorResource.AZ1;
import static io.dataflow.privatelink.worker.aws.Ec2SimulatorResource.AZ2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attached domains made real on the simulated Route 53: zones on the platform VPC, wildcard CNAMEs to the
 * endpoint's DNS names, checked by resolving broker names inside that VPC.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "provider_worker_aws"))
@QuarkusTestResource(value = Ec2SimulatorResource.class, restrictToAnnotatedClass = true)
class AwsDomainTest {

    private static final List<String> ZONES = List.of("use1-az1", "use1-az2");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @jakarta.inject.Inject
    io.dataflow.privatelink.worker.service.ReconcileCycle cycle;

    @Test
    void aRoute53ChangeNotYetInSyncHoldsUpNoPassAndIsNotSubmittedAgain() {
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            ConnectionStateChanged active = activeConnection(states);
            Ec2SimulatorResource.simulator.setRoute53ChangeSyncDelay(java.time.Duration.ofSeconds(8));
            try {
                long submitted = Ec2SimulatorResource.simulator.callCount("ChangeResourceRecordSets");
                DomainAttachRequested attach = WorkerEvents.attach(bootstrapServers, active.connectionId(),
                        "cluster-1", ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED,
                        DomainNames.newManagedUniqueName(), ZONES);
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                        Ec2SimulatorResource.simulator.callCount("ChangeResourceRecordSets") > submitted);
                // While Route 53 propagates the change, passes go on (a pass waiting for it would take 8 s).
                long passes = cycle.completedPasses();
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(6))
                        .until(() -> cycle.completedPasses() >= passes + 3);

                DomainStateChanged attached = WorkerEvents.awaitDomainState(states, attach.attachDomainId(),
                        DomainState.ACTIVE);
                assertEquals(List.of("ACTIVE", "ACTIVE"), attached.domains().stream().map(d -> d.state()).toList());
                assertEquals(submitted + 1, Ec2SimulatorResource.simulator.callCount("ChangeResourceRecordSets"),
                        "the change is submitted once, then looked up until it is INSYNC");
            } finally {
                Ec2SimulatorResource.simulator.setRoute53ChangeSyncDelay(java.time.Duration.ZERO);
            }
        }
    }

    @Test
    void anAttachIsOneTraceFromTheRequestThroughTheRoute53CallsToTheStateAnnounced() {
        String trace = java.util.UUID.randomUUID().toString().replace("-", "");
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            ConnectionStateChanged active = activeConnection(states);
            DomainAttachRequested attach = WorkerEvents.attachTraced(bootstrapServers, active.connectionId(),
                    "cluster-1", ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED,
                    DomainNames.newManagedUniqueName(), ZONES,
                    io.dataflow.privatelink.kit.testing.RecordedSpans.callerTraceParent(trace, "00f067aa0ba902b7"));
            WorkerEvents.awaitDomainState(states, attach.attachDomainId(), DomainState.ACTIVE);
            List<String> traces = states.readToEnd().stream()
                    .filter(r -> EventTypes.DOMAIN_STATE_CHANGED.equals(WorkerEvents.type(r))
                            && io.dataflow.privatelink.kit.outbox.CloudEventKafka.fromRecord(r)
                            .dataAs(DomainStateChanged.class).attachDomainId().equals(attach.attachDomainId()))
                    .map(r -> io.dataflow.privatelink.kit.testing.RecordedSpans.traceIdOf(new String(
                            r.headers().lastHeader("traceparent").value(), java.nio.charset.StandardCharsets.UTF_8)))
                    .distinct().toList();
            assertEquals(List.of(trace), traces, "every state of the attachment announced in the attach's trace");
        }
        var consumed = io.dataflow.privatelink.kit.testing.RecordedSpans.await(trace,
                io.opentelemetry.api.trace.SpanKind.CONSUMER, n -> n.startsWith("process "), WorkerEvents.WAIT);
        var step = io.dataflow.privatelink.kit.testing.RecordedSpans.await(trace,
                io.opentelemetry.api.trace.SpanKind.INTERNAL, "reconcile attach domains"::equals, WorkerEvents.WAIT);
        var call = io.dataflow.privatelink.kit.testing.RecordedSpans.await(trace,
                io.opentelemetry.api.trace.SpanKind.CLIENT, n -> n.endsWith("ChangeResourceRecordSets"), WorkerEvents.WAIT);
        assertEquals("00f067aa0ba902b7", consumed.getParentSpanId());
        assertEquals(consumed.getSpanId(), step.getParentSpanId(), "the pass's step continues the request's trace");
        assertEquals(step.getSpanId(), call.getParentSpanId(), "the Route 53 call is the step's child");
    }

    @Test
    void managedNamesResolveToTheirZonesEndpointNameUntilDetached() {
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            ConnectionStateChanged active = activeConnection(states);
            String unique = DomainNames.newManagedUniqueName();
            DomainAttachRequested attach = WorkerEvents.attach(bootstrapServers, active.connectionId(), "cluster-1",
                    ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED, unique, ZONES);

            DomainStateChanged attached = WorkerEvents.awaitDomainState(states, attach.attachDomainId(),
                    DomainState.ACTIVE);
            assertEquals(List.of("ACTIVE", "ACTIVE"), attached.domains().stream().map(d -> d.state()).toList());
            String zone = unique + ".aws.plc.tidbcloud.com";
            assertResolves("b1.use1-az1." + zone, zonalName(active.endpointId(), AZ1.name()));
            assertResolves("b2.use1-az2." + zone, zonalName(active.endpointId(), AZ2.name()));
            assertEquals(1, zonesNamed(zone).size());
            // the zone carries this deployment's identity ("test"), as every resource a worker makes does
            String comment = zonesNamed(zone).get(0).config().comment();
            assertTrue(comment.contains("dataflow-privatelink:deployment-id=test;"), comment);

            WorkerEvents.detach(bootstrapServers, attach);
            WorkerEvents.awaitDetached(states, attach.attachDomainId());
            assertEquals("NXDOMAIN", resolve("b1.use1-az1." + zone).status());
            assertEquals(List.of(), zonesNamed(zone));
        }
    }

    @Test
    void confluentNamesGetTheRegionalNameAndZonalNamesTheirZonesName() {
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            ConnectionStateChanged active = activeConnection(states);
            String network = "n" + DomainNames.newManagedUniqueName().substring(0, 6) + ".us-east-1";
            DomainAttachRequested attach = WorkerEvents.attach(bootstrapServers, active.connectionId(), "cluster-1",
                    ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.CONFLUENT, network, ZONES);

            WorkerEvents.awaitDomainState(states, attach.attachDomainId(), DomainState.ACTIVE);
            String zone = network + ".aws.confluent.cloud";
            assertResolves("lkc-abc123." + zone, regionalName(active.endpointId()));
            assertResolves("e-1a2b.use1-az2." + zone, zonalName(active.endpointId(), AZ2.name()));
        }
    }

    @Test
    void aCrashAfterTheZoneWasCreatedLeavesExactlyOneZone() {
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            ConnectionStateChanged active = activeConnection(states);
            String unique = DomainNames.newManagedUniqueName();
            // The crash must hit the first attempt: arm it before the request can be seen.
            String attachId = DomainAttachment.newId();
            CrashAfterZoneCreate.CRASH_ONCE.add(attachId);
            DomainAttachRequested attach = WorkerEvents.attach(bootstrapServers, attachId, active.connectionId(),
                    "cluster-1", ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED, unique, ZONES);

            WorkerEvents.awaitDomainState(states, attach.attachDomainId(), DomainState.ACTIVE);
            assertTrue(!CrashAfterZoneCreate.CRASH_ONCE.contains(attachId), "the crash happened");
            assertEquals(1, zonesNamed(unique + ".aws.plc.tidbcloud.com").size());
            assertResolves("b1.use1-az1." + unique + ".aws.plc.tidbcloud.com", zonalName(active.endpointId(), AZ1.name()));
        }
    }

    @Test
    void aZoneOfTheSameNameAlreadyOnThePlatformVpcFailsTheDomainsSayingSo() {
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            ConnectionStateChanged active = activeConnection(states);
            String unique = DomainNames.newManagedUniqueName();
            try (Route53Client route53 = route53()) {
                route53.createHostedZone(r -> r.name(unique + ".aws.plc.tidbcloud.com").callerReference("by-hand-" + unique)
                        .hostedZoneConfig(c -> c.privateZone(true))
                        .vpc(v -> v.vpcId(Ec2SimulatorResource.VPC).vpcRegion(VPCRegion.US_EAST_1)));
            }
            DomainAttachRequested attach = WorkerEvents.attach(bootstrapServers, active.connectionId(), "cluster-1",
                    ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED, unique, ZONES);

            DomainStateChanged failed = WorkerEvents.awaitDomainState(states, attach.attachDomainId(),
                    DomainState.FAILED);
            String message = failed.domains().get(0).message();
            assertTrue(message.contains("ConflictingDomainExists") && message.contains("Another private hosted zone"),
                    message);
        }
    }

    @jakarta.inject.Inject
    Route53DnsCloud dns;

    /**
     * Two deployments share the platform account: one whose database holds the other's attachment (restored
     * from its backup, say) never takes the other's zone for its own, so never changes or deletes it.
     */
    @Test
    void anotherDeploymentsZoneIsNeverAdoptedEvenForTheSameAttachment() {
        String attachId = DomainAttachment.newId();
        String zoneName = DomainNames.newManagedUniqueName() + ".aws.plc.tidbcloud.com";
        String marker = new io.dataflow.privatelink.worker.ownership.DeploymentIdentity("staging").zoneMarker(attachId);
        String theirs;
        try (Route53Client route53 = route53()) {
            theirs = route53.createHostedZone(r -> r.name(zoneName).callerReference(attachId)
                    .hostedZoneConfig(c -> c.privateZone(true).comment(marker))
                    .vpc(v -> v.vpcId(Ec2SimulatorResource.VPC).vpcRegion(VPCRegion.US_EAST_1))).hostedZone().id();
        }
        io.dataflow.privatelink.worker.cloud.ZoneSpec spec = new io.dataflow.privatelink.worker.cloud.ZoneSpec(
                attachId, zoneName, new io.dataflow.privatelink.worker.cloud.CloudLocation(
                Ec2SimulatorResource.PLATFORM_ACCOUNT, "us-east-1"), Ec2SimulatorResource.VPC);

        assertEquals(java.util.Optional.empty(), dns.findZone(spec), "their zone is not found as ours");
        io.dataflow.privatelink.worker.cloud.CloudException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.dataflow.privatelink.worker.cloud.CloudException.class, () -> dns.createZone(spec));
        assertTrue(refused.getMessage().contains("belongs to another deployment"), refused.getMessage());
        org.junit.jupiter.api.Assertions.assertFalse(refused.retryable());
        List<HostedZone> after = zonesNamed(zoneName);
        assertEquals(1, after.size());
        assertEquals(theirs.replace("/hostedzone/", ""), after.get(0).id().replace("/hostedzone/", ""));
        assertEquals(marker, after.get(0).config().comment());
    }

    @Test
    void throttlingAndPriorRequestNotCompleteAreRetried() {
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            ConnectionStateChanged active = activeConnection(states);
            Ec2Simulator simulator = Ec2SimulatorResource.simulator;
            simulator.injectFault("CreateHostedZone", FaultSpec.throttling().times(3));
            simulator.injectFault("ChangeResourceRecordSets", FaultSpec.priorRequestNotComplete().times(3));
            try {
                String unique = DomainNames.newManagedUniqueName();
                DomainAttachRequested attach = WorkerEvents.attach(bootstrapServers, active.connectionId(),
                        "cluster-1", ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED, unique, ZONES);

                WorkerEvents.awaitDomainState(states, attach.attachDomainId(), DomainState.ACTIVE);
                assertEquals(1, zonesNamed(unique + ".aws.plc.tidbcloud.com").size());
            } finally {
                simulator.clearFaults();
            }
        }
    }

    @Test
    void deletingAConnectionRemovesItsDomainsBeforeItsEndpoint() {
        try (TopicProbe states = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_STATE)) {
            ConnectionStateChanged active = activeConnection(states);
            String id = active.connectionId();
            String unique = DomainNames.newManagedUniqueName();
            DomainAttachRequested attach = WorkerEvents.attach(bootstrapServers, id, "cluster-1",
                    ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED, unique, ZONES);
            WorkerEvents.awaitDomainState(states, attach.attachDomainId(), DomainState.ACTIVE);

            WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_DELETION_REQUESTED, id,
                    new ConnectionDeletionRequested(id, "cluster-1", ConnectionType.AWS_ENDPOINT_SERVICE, "bob",
                            WorkerEvents.now(), WorkerEvents.nextVersion()));
            WorkerEvents.awaitDeleted(states, id);

            List<String> order = states.readToEnd().stream().filter(r -> id.equals(r.key()))
                    .map(WorkerEvents::type)
                    .filter(t -> t.equals(EventTypes.DOMAIN_DETACHED) || t.equals(EventTypes.CONNECTION_DELETED)
                            || t.equals(EventTypes.CONNECTION_STATE_CHANGED))
                    .toList();
            int detached = order.indexOf(EventTypes.DOMAIN_DETACHED);
            int deleting = order.lastIndexOf(EventTypes.CONNECTION_STATE_CHANGED);
            assertTrue(detached >= 0 && detached < deleting, order.toString());
            assertEquals(List.of(), zonesNamed(unique + ".aws.plc.tidbcloud.com"));
        }
    }

    private void assertResolves(String host, String endpointName) {
        DnsAnswer answer = resolve(host);
        assertEquals("NOERROR", answer.status(), answer.toString());
        assertEquals(endpointName, answer.target(), answer.toString());
    }

    private static DnsAnswer resolve(String host) {
        return Ec2SimulatorResource.simulator.resolve(Ec2SimulatorResource.VPC, host);
    }

    private ConnectionStateChanged activeConnection(TopicProbe states) {
        ServiceRef service = Ec2SimulatorResource.customerService(List.of(AZ1, AZ2), true, Acceptance.AUTOMATIC);
        String id = ConnectionIds.newId();
        ClusterPlacement placement = new ClusterPlacement("cluster-1", "project-1", CloudProvider.AWS, "us-east-1",
                Ec2SimulatorResource.PLATFORM_ACCOUNT, Ec2SimulatorResource.VPC, ZONES,
                Ec2SimulatorResource.SUBNETS, "sg-0platform");
        WorkerEvents.send(bootstrapServers, Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id,
                new ConnectionRequested(id, "cluster-1", "kafka", ConnectionType.AWS_ENDPOINT_SERVICE,
                        service.serviceName(), "us-east-1", "alice", WorkerEvents.now(), placement, WorkerEvents.nextVersion()));
        return WorkerEvents.awaitState(states, id, ConnectionState.ACTIVE);
    }

    /** The endpoint's DNS names as EC2 lists them: regional first, then one per zone (zone name in the first label). */
    private static List<String> dnsNames(String endpointId) {
        try (Ec2Client ec2 = Ec2Client.builder().region(Region.US_EAST_1)
                .endpointOverride(Ec2SimulatorResource.simulator.endpoint())
                .credentialsProvider(credentials()).httpClientBuilder(ApacheHttpClient.builder()).build()) {
            return ec2.describeVpcEndpoints(r -> r.vpcEndpointIds(endpointId)).vpcEndpoints().get(0).dnsEntries()
                    .stream().map(DnsEntry::dnsName).toList();
        }
    }

    private static String regionalName(String endpointId) {
        return dnsNames(endpointId).get(0);
    }

    private static String zonalName(String endpointId, String zoneName) {
        return dnsNames(endpointId).stream().filter(n -> n.split("\\.", -1)[0].endsWith("-" + zoneName)).findFirst()
                .orElseThrow();
    }

    private static List<HostedZone> zonesNamed(String zone) {
        try (Route53Client route53 = route53()) {
            return route53.listHostedZonesByName(r -> r.dnsName(zone)).hostedZones().stream()
                    .filter(z -> z.name().equals(zone + ".")).toList();
        }
    }

    private static Route53Client route53() {
        return Route53Client.builder().region(Region.AWS_GLOBAL)
                .endpointOverride(Ec2SimulatorResource.simulator.endpoint())
                .credentialsProvider(credentials()).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(Ec2SimulatorResource.PLATFORM_KEY, "s"));
    }
}
