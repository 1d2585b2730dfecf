package io.dataflow.privatelink.worker.connectivity;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.connectivity.CheckKind;
import io.dataflow.privatelink.contract.connectivity.CheckStatus;
import io.dataflow.privatelink.contract.connectivity.ConnectivityCheck;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTarget;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTestState;
import io.dataflow.privatelink.contract.domains.BaseDomains;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainPlan;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.domains.DomainType;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.worker.cloud.EndpointDns;
import io.dataflow.privatelink.worker.reconcile.ManagedDomain;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks against a scripted network: what each finds, what it advises, and that it contacts only the endpoint. */
class ConnectivityChecksTest {

    private static final String ZONE = "n1demo.us-east-1.aws." + BaseDomains.DEFAULT.confluent();
    private static final String REGIONAL = "vpce-1-abc.vpce-svc-1.us-east-1.vpce.amazonaws.com";
    private static final String AZ1 = "vpce-1-abc-us-east-1a.vpce-svc-1.us-east-1.vpce.amazonaws.com";
    private static final String AZ2 = "vpce-1-abc-us-east-1b.vpce-svc-1.us-east-1.vpce.amazonaws.com";
    private static final EndpointDns DNS = new EndpointDns(REGIONAL, Map.of("use1-az1", AZ1, "use1-az2", AZ2));

    private final FakeNetwork network = new FakeNetwork();
    private final ConnectivityChecks checks = new ConnectivityChecks(network);

    void healthy() {
        network.names.put(REGIONAL, List.of("127.64.0.1", "127.64.0.2"));
        network.names.put(AZ1, List.of("127.64.0.1"));
        network.names.put(AZ2, List.of("127.64.0.2"));
        network.names.put("plc-connectivity-test." + ZONE, List.of("127.64.0.1", "127.64.0.2"));
        network.names.put("plc-connectivity-test.use1-az1." + ZONE, List.of("127.64.0.1"));
        network.names.put("plc-connectivity-test.use1-az2." + ZONE, List.of("127.64.0.2"));
        network.names.put("b0.use1-az1." + ZONE, List.of("127.64.0.1"));
        network.names.put("b1.use1-az2." + ZONE, List.of("127.64.0.2"));
        network.listening.addAll(Set.of("127.64.0.1:9092", "127.64.0.2:9092"));
        network.kafka = new PlatformNetwork.KafkaMetadata("demo-cluster", List.of(
                new PlatformNetwork.Broker(0, "b0.use1-az1." + ZONE, 9092, "use1-az1"),
                new PlatformNetwork.Broker(1, "b1.use1-az2." + ZONE, 9092, "use1-az2")), 4);
    }

    @Test
    void aHealthyKafkaPassesEveryCheckPerZoneAndHintsAtTheIdleTimeout() {
        healthy();
        List<ConnectivityCheck> result = run(request(9092, true), endpoint(ConnectionState.ACTIVE), attached());

        assertEquals(ConnectivityTestState.PASSED, ConnectivityTestState.of(result), result.toString());
        assertEquals(List.of(CheckKind.CONNECTION_ACTIVE, CheckKind.ENDPOINT_ZONES, CheckKind.ENDPOINT_DNS,
                CheckKind.DOMAIN_DNS, CheckKind.TCP_CONNECT, CheckKind.KAFKA_METADATA, CheckKind.KAFKA_ADVERTISED_HOST,
                CheckKind.KAFKA_BROKER_ZONE, CheckKind.KAFKA_IDLE_TIMEOUT),
                result.stream().map(ConnectivityCheck::check).distinct().toList());
        // every domain's name, tried on the port, in each zone it answers for
        List<ConnectivityCheck> tcp = of(result, CheckKind.TCP_CONNECT);
        assertEquals(4, tcp.size(), tcp.toString());
        assertTrue(tcp.stream().anyMatch(c -> "use1-az2".equals(c.zoneId())
                && c.target().equals("plc-connectivity-test.use1-az2." + ZONE + ":9092")), tcp.toString());
        assertTrue(tcp.stream().allMatch(c -> c.durationMillis() != null));
        ConnectivityCheck idle = of(result, CheckKind.KAFKA_IDLE_TIMEOUT).get(0);
        assertTrue(idle.advice().contains("connections.max.idle.ms below 350000"), idle.advice());
        assertTrue(network.contacted.stream().allMatch(a -> a.startsWith("127.64.0.")), network.contacted.toString());
    }

    @Test
    void aBrokerAdvertisingAHostNoAttachedDomainCoversFailsAndSaysWhatToSet() {
        healthy();
        network.kafka = new PlatformNetwork.KafkaMetadata("demo-cluster", List.of(
                new PlatformNetwork.Broker(0, "b0.use1-az1." + ZONE, 9092, "use1-az1"),
                new PlatformNetwork.Broker(1, "ip-10-1-2-3.ec2.internal", 9092, "use1-az3")), 4);
        List<ConnectivityCheck> result = run(request(9092, true), endpoint(ConnectionState.ACTIVE), attached());

        assertEquals(ConnectivityTestState.FAILED, ConnectivityTestState.of(result));
        List<ConnectivityCheck> failed = result.stream().filter(c -> c.status() == CheckStatus.FAIL).toList();
        assertEquals(List.of(CheckKind.KAFKA_ADVERTISED_HOST, CheckKind.KAFKA_BROKER_ZONE),
                failed.stream().map(ConnectivityCheck::check).toList(), failed.toString());
        ConnectivityCheck host = failed.get(0);
        assertEquals("ip-10-1-2-3.ec2.internal:9092", host.target());
        assertEquals("Broker 1 advertises ip-10-1-2-3.ec2.internal:9092, which no attached domain covers: dataflow"
                + " cannot reach it through this connection.", host.observed());
        assertTrue(host.advice().startsWith("Set the broker's advertised.listeners to a name under an attached domain,"
                + " e.g. b1."), host.advice());
        assertEquals("use1-az3", failed.get(1).zoneId());
        assertTrue(failed.get(1).observed().contains("which the endpoint does not serve (use1-az1, use1-az2)"));
        assertFalse(network.contacted.stream().anyMatch(a -> a.contains("10.1.2.3")));
    }

    @Test
    void aConnectionWaitingForAcceptanceFailsTheFirstCheckAndContactsNothing() {
        healthy();
        List<ConnectivityCheck> result = run(request(9092, true), endpoint(ConnectionState.PENDING_ACCEPTANCE), attached());

        assertEquals(CheckStatus.FAIL, result.get(0).status());
        assertTrue(result.get(0).advice().startsWith("Ask the endpoint service's owner to accept endpoint vpce-1"),
                result.get(0).advice());
        assertEquals(2, result.size());
        assertEquals(CheckStatus.SKIPPED, result.get(1).status());
        assertTrue(network.contacted.isEmpty());
        assertTrue(network.resolved.isEmpty());
    }

    @Test
    void aTargetResolvingElsewhereIsNeverContacted() {
        healthy();
        network.names.put("metadata.internal.example.com", List.of("10.0.0.5"));
        ConnectivityTestRequested request = new ConnectivityTestRequested("plc-1", "1001",
                ConnectionType.AWS_ENDPOINT_SERVICE, "plct-1", List.of(
                new ConnectivityTarget("metadata.internal.example.com", 80)), null, false, "alice", Instant.now(), 1);
        List<ConnectivityCheck> result = run(request, endpoint(ConnectionState.ACTIVE), attached());

        ConnectivityCheck tcp = of(result, CheckKind.TCP_CONNECT).get(0);
        assertEquals(CheckStatus.FAIL, tcp.status());
        assertTrue(tcp.observed().endsWith("which is not this connection's endpoint: not contacted."), tcp.observed());
        assertTrue(network.contacted.isEmpty(), network.contacted.toString());
    }

    @Test
    void aDomainAnsweredByAnotherEndpointAndARefusingZoneFailWithTheirZone() {
        healthy();
        network.names.put("plc-connectivity-test." + ZONE, List.of("127.64.9.9"));
        network.listening.remove("127.64.0.2:9092");
        List<ConnectivityCheck> result = run(request(9092, false), endpoint(ConnectionState.ACTIVE), attached());

        ConnectivityCheck regional = of(result, CheckKind.DOMAIN_DNS).stream()
                .filter(c -> c.target().equals("*." + ZONE)).findFirst().orElseThrow();
        assertEquals(CheckStatus.FAIL, regional.status());
        assertTrue(regional.observed().contains("not to this connection's endpoint"), regional.observed());
        ConnectivityCheck refused = of(result, CheckKind.TCP_CONNECT).stream()
                .filter(c -> c.status() == CheckStatus.FAIL).findFirst().orElseThrow();
        assertEquals("use1-az2", refused.zoneId());
        assertTrue(refused.advice().contains("listen on port 9092 in use1-az2"), refused.advice());
    }

    @Test
    void anEndpointServingFewerZonesThanTheClusterPassesWithAHintAndNoneOfThemFails() {
        healthy();
        ManagedEndpoint twoOfThree = endpoint(ConnectionState.ACTIVE, List.of("use1-az1", "use1-az2", "use1-az4"),
                List.of("use1-az1", "use1-az2"));
        ConnectivityCheck zones = of(run(request(null, false), twoOfThree, attached()), CheckKind.ENDPOINT_ZONES).get(0);
        assertEquals(CheckStatus.PASS, zones.status());
        assertEquals("use1-az4", zones.zoneId());
        assertTrue(zones.advice().startsWith("Dataflow in use1-az4 reaches the service across zones"), zones.advice());

        ManagedEndpoint elsewhere = endpoint(ConnectionState.ACTIVE, List.of("use1-az4"), List.of("use1-az1"));
        ConnectivityCheck none = of(run(request(null, false), elsewhere, attached()), CheckKind.ENDPOINT_ZONES).get(0);
        assertEquals(CheckStatus.FAIL, none.status());
        assertTrue(none.observed().contains("none of the cluster's zones (use1-az4)"), none.observed());
    }

    @Test
    void whatAHostileOrHugeKafkaAnswersIsReportedNotThrownAndATestsTimeIsBounded() {
        healthy();
        List<PlatformNetwork.Broker> many = new ArrayList<>();
        many.add(new PlatformNetwork.Broker(0, "b0.use1-az1." + ZONE, 70_000, "use1-az1"));
        for (int i = 1; i < 100; i++) {
            many.add(new PlatformNetwork.Broker(i, "b0.use1-az1." + ZONE, 9092, "use1-az1"));
        }
        network.kafka = new PlatformNetwork.KafkaMetadata("big", many, 3);
        List<ConnectivityCheck> result = run(request(9092, true), endpoint(ConnectionState.ACTIVE), attached());
        ConnectivityCheck badPort = of(result, CheckKind.KAFKA_ADVERTISED_HOST).stream()
                .filter(c -> c.status() == CheckStatus.FAIL).findFirst().orElseThrow();
        assertEquals("Broker 0 advertises port 70000, which is not a TCP port.", badPort.observed());
        assertTrue(of(result, CheckKind.KAFKA_ADVERTISED_HOST).stream().anyMatch(c -> c.status() == CheckStatus.SKIPPED
                && c.observed().equals("Only the first 64 of 100 brokers are checked one by one.")));
        assertEquals(64, of(result, CheckKind.KAFKA_BROKER_ZONE).size());

        network.contacted.clear();
        List<ConnectivityCheck> late = checks.run(new ConnectivityChecks.Facts(request(9092, true),
                endpoint(ConnectionState.ACTIVE), attached(), Duration.ofSeconds(350), Instant.now().minusSeconds(1)),
                () -> DNS);
        assertTrue(network.contacted.isEmpty(), "nothing is contacted past the deadline: " + network.contacted);
        assertTrue(of(late, CheckKind.TCP_CONNECT).stream().allMatch(c -> c.status() == CheckStatus.SKIPPED
                && c.observed().startsWith("Not tried: the test's time ran out")), late.toString());
    }

    @Test
    void aBootstrapNameThatDoesNotResolveSaysSoAsTheKafkaCheck() {
        healthy();
        ConnectivityTestRequested request = new ConnectivityTestRequested("plc-1", "1001",
                ConnectionType.AWS_ENDPOINT_SERVICE, "plct-1", List.of(new ConnectivityTarget("nowhere.example.com", 9092)),
                9092, true, "alice", Instant.now(), 1);
        ConnectivityCheck kafka = of(run(request, endpoint(ConnectionState.ACTIVE), attached()), CheckKind.KAFKA_METADATA)
                .get(0);
        assertEquals(CheckStatus.FAIL, kafka.status());
        assertEquals("nowhere.example.com does not resolve in the platform VPC.", kafka.observed());
    }

    @Test
    void withoutAPortTcpIsSkippedAndSaysWhatToGive() {
        healthy();
        List<ConnectivityCheck> result = run(request(null, false), endpoint(ConnectionState.ACTIVE), attached());
        ConnectivityCheck tcp = of(result, CheckKind.TCP_CONNECT).get(0);
        assertEquals(CheckStatus.SKIPPED, tcp.status());
        assertTrue(tcp.observed().startsWith("No port given"), tcp.observed());
        assertTrue(network.contacted.isEmpty());
    }

    private List<ConnectivityCheck> run(ConnectivityTestRequested request, ManagedEndpoint endpoint,
                                        List<ManagedDomain> domains) {
        return checks.run(new ConnectivityChecks.Facts(request, endpoint, domains, Duration.ofSeconds(350),
                Instant.now().plusSeconds(60)), () -> DNS);
    }

    private static List<ConnectivityCheck> of(List<ConnectivityCheck> result, CheckKind kind) {
        return result.stream().filter(c -> c.check() == kind).toList();
    }

    private static ConnectivityTestRequested request(Integer port, boolean kafka) {
        return new ConnectivityTestRequested("plc-1", "1001", ConnectionType.AWS_ENDPOINT_SERVICE, "plct-1", List.of(),
                port, kafka, "alice", Instant.now(), 1);
    }

    private static ManagedEndpoint endpoint(ConnectionState state) {
        return endpoint(state, List.of("use1-az1", "use1-az2"), List.of("use1-az1", "use1-az2"));
    }

    private static ManagedEndpoint endpoint(ConnectionState state, List<String> clusterZones, List<String> served) {
        ClusterPlacement placement = new ClusterPlacement("1001", "p", CloudProvider.AWS, "us-east-1", "111122223333",
                "vpc-1", clusterZones, Map.of("use1-az1", "subnet-1", "use1-az2", "subnet-2"), "sg-1");
        ConnectionRequested request = new ConnectionRequested("plc-1", "1001", "kafka",
                ConnectionType.AWS_ENDPOINT_SERVICE, "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
                "us-east-1", "alice", Instant.now(), placement, 1);
        return new ManagedEndpoint(request, state, null, "vpce-1", served, false,
                Instant.parse("2026-12-15T00:00:00Z"), true, null);
    }

    private static List<ManagedDomain> attached() {
        DomainPlan plan = DomainPlan.of(ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.CONFLUENT, "n1demo.us-east-1",
                List.of("use1-az1", "use1-az2"), BaseDomains.DEFAULT);
        DomainAttachRequested request = new DomainAttachRequested(DomainAttachment.newId(), "plc-1", "1001",
                ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.CONFLUENT, "n1demo.us-east-1", plan.zoneName(),
                plan.records(), "alice", Instant.now(), 1);
        return List.of(new ManagedDomain(request, "111122223333", "us-east-1", "vpc-1", DomainState.ACTIVE,
                DomainAttachment.domainsIn(plan, DomainState.ACTIVE), "Z1", false, null));
    }

    /** Names, listeners and a Kafka answer, scripted; records what the checks resolved and contacted. */
    static final class FakeNetwork implements PlatformNetwork {
        final Map<String, List<String>> names = new HashMap<>();
        final Set<String> listening = new HashSet<>();
        KafkaMetadata kafka;
        final List<String> resolved = new ArrayList<>();
        final List<String> contacted = new ArrayList<>();

        @Override
        public List<String> resolve(String vpcId, String name) {
            resolved.add(name);
            return names.getOrDefault(name, List.of());
        }

        @Override
        public long connect(String address, int port) throws IOException {
            contacted.add(address + ":" + port);
            if (!listening.contains(address + ":" + port)) {
                throw new ConnectException("Connection refused");
            }
            return 1;
        }

        @Override
        public KafkaMetadata kafkaMetadata(String address, int port) throws IOException {
            connect(address, port);
            return kafka;
        }
    }
}
