package io.dataflow.privatelink.worker.reconcile;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.domains.BaseDomains;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainPlan;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.domains.DomainType;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.worker.cloud.CloudException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainReconcilerTest {

    private static final String UNIQUE = "abcdefghijklmnopqrstuvwxyz";

    private RecordingDns dns;
    private DomainReconciler reconciler;

    @BeforeEach
    void setUp() {
        dns = new RecordingDns();
        reconciler = new DomainReconciler(dns);
    }

    @Test
    void createsTheZoneThenPointsEachZonalWildcardAtThatZonesEndpointName() {
        DomainOutcome outcome = reconciler.attach(domain(DomainType.TIDBCLOUD_MANAGED, null), endpoint("vpce-1"));

        assertEquals(Outcome.Kind.TRANSITION, outcome.kind());
        assertEquals(DomainState.ACTIVE, outcome.state());
        assertEquals("Z1", outcome.zoneId());
        assertEquals(List.of("findZone", "createZone " + UNIQUE + ".aws.plc.tidbcloud.com", "endpointDns vpce-1",
                "upsertRecords Z1 1"), dns.calls);
        assertEquals(Map.of("*.use1-az1." + UNIQUE + ".aws.plc.tidbcloud.com",
                "vpce-1-us-east-1a.svc.vpce.amazonaws.com"), dns.records.get("Z1"));
    }

    @Test
    void confluentAlsoGetsTheRegionalWildcard() {
        DomainOutcome outcome = reconciler.attach(domain(DomainType.CONFLUENT, null), endpoint("vpce-1"));

        assertEquals(DomainState.ACTIVE, outcome.state());
        assertEquals("vpce-1.svc.vpce.amazonaws.com", dns.records.get("Z1").get("*.n1abc2.us-east-1.aws.confluent.cloud"));
        assertEquals("vpce-1-us-east-1a.svc.vpce.amazonaws.com",
                dns.records.get("Z1").get("*.use1-az1.n1abc2.us-east-1.aws.confluent.cloud"));
    }

    @Test
    void aZoneMadeBeforeACrashIsFoundAndNotMadeAgain() {
        ManagedDomain d = domain(DomainType.TIDBCLOUD_MANAGED, null);
        dns.zones.put(d.attachDomainId(), "Z-earlier");

        DomainOutcome outcome = reconciler.attach(d, endpoint("vpce-1"));

        assertEquals("Z-earlier", outcome.zoneId());
        assertTrue(dns.calls.stream().noneMatch(c -> c.startsWith("createZone")), dns.calls.toString());
    }

    @Test
    void waitsForTheEndpointAndFailsWithTheConnection() {
        ManagedDomain d = domain(DomainType.TIDBCLOUD_MANAGED, null);
        assertEquals(Outcome.Kind.NONE, reconciler.attach(d, endpoint(null)).kind());
        assertEquals(List.of(), dns.calls);

        ManagedEndpoint failed = new ManagedEndpoint(endpoint("vpce-1").request(), ConnectionState.FAILED,
                "rejected by the owner", "vpce-1", List.of("use1-az1"), false, null, true, null);
        DomainOutcome outcome = reconciler.attach(d, failed);
        assertEquals(DomainState.FAILED, outcome.state());
        assertTrue(outcome.domains().get(0).message().contains("rejected by the owner"));
    }

    @Test
    void aRefusalFailsEveryDomainWithTheCloudsReasonAndThrottlingRetries() {
        dns.createFailure = new CloudException("ConflictingDomainExists", "another zone of that name is on the VPC",
                false, null);
        DomainOutcome refused = reconciler.attach(domain(DomainType.TIDBCLOUD_MANAGED, null), endpoint("vpce-1"));
        assertEquals(DomainState.FAILED, refused.state());
        assertTrue(refused.domains().get(0).message().contains("(ConflictingDomainExists): another zone"),
                refused.domains().get(0).message());

        dns.createFailure = new CloudException("Throttling", "slow down", true, null);
        assertEquals(Outcome.Kind.CLOUD_BUSY,
                reconciler.attach(domain(DomainType.TIDBCLOUD_MANAGED, null), endpoint("vpce-1")).kind());
    }

    @Test
    void aZoneWithoutTheEndpointsZoneFailsThatDomainOnly() {
        ManagedDomain d = domain(DomainType.CONFLUENT, null);
        dns.dns = new io.dataflow.privatelink.worker.cloud.EndpointDns("vpce-1.svc.vpce.amazonaws.com", Map.of());

        DomainOutcome outcome = reconciler.attach(d, endpoint("vpce-1"));

        assertEquals(DomainState.FAILED, outcome.state());
        assertEquals(List.of("ACTIVE", "FAILED"), outcome.domains().stream().map(x -> x.state()).toList());
    }

    @Test
    void detachDeletesTheZoneFoundByIdAndCountsAMissingZoneAsDone() {
        ManagedDomain d = domain(DomainType.TIDBCLOUD_MANAGED, null);
        dns.zones.put(d.attachDomainId(), "Z9");
        assertEquals(Outcome.Kind.REMOVED, reconciler.detach(d).kind());
        assertEquals(List.of("findZone", "deleteZone Z9"), dns.calls);

        dns.calls.clear();
        assertEquals(Outcome.Kind.REMOVED, reconciler.detach(d).kind());
        assertEquals(List.of("findZone"), dns.calls);

        // A refusal of this zone's deletion: it backs off on its own (never given up), others proceed.
        dns.deleteFailure = new CloudException("HostedZoneNotEmpty", "records left", false, null);
        assertEquals(Outcome.Kind.RETRY_LATER, reconciler.detach(domain(DomainType.TIDBCLOUD_MANAGED, "Z5")).kind());
        // Throttled: the whole pass stops asking.
        dns.deleteFailure = new CloudException("Throttling", "Rate exceeded", true, null);
        assertEquals(Outcome.Kind.CLOUD_BUSY, reconciler.detach(domain(DomainType.TIDBCLOUD_MANAGED, "Z5")).kind());
    }

    private static ManagedDomain domain(DomainType type, String zoneId) {
        String unique = type == DomainType.CONFLUENT ? "n1abc2.us-east-1" : UNIQUE;
        DomainPlan plan = DomainPlan.of(ConnectionType.AWS_ENDPOINT_SERVICE, type, unique, List.of("use1-az1"),
                BaseDomains.DEFAULT);
        DomainAttachRequested request = new DomainAttachRequested(DomainAttachment.newId(), "plc-1", "1001",
                ConnectionType.AWS_ENDPOINT_SERVICE, type, unique, plan.zoneName(), plan.records(), "alice",
                Instant.now(), io.dataflow.privatelink.worker.testing.WorkerEvents.nextVersion());
        return new ManagedDomain(request, "111111111111", "us-east-1", "vpc-1", DomainState.CREATING,
                DomainAttachment.domainsIn(plan, DomainState.CREATING), zoneId, false, null);
    }

    private static ManagedEndpoint endpoint(String endpointId) {
        ClusterPlacement placement = new ClusterPlacement("1001", "p", CloudProvider.AWS, "us-east-1", "111122223333",
                "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        ConnectionRequested request = new ConnectionRequested("plc-1", "1001", "kafka",
                ConnectionType.AWS_ENDPOINT_SERVICE, "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
                "us-east-1", "alice", Instant.now(), placement, io.dataflow.privatelink.worker.testing.WorkerEvents.nextVersion());
        return new ManagedEndpoint(request, ConnectionState.ACTIVE, null, endpointId, List.of("use1-az1"), false,
                null, true, null);
    }
}
