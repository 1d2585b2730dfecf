package io.dataflow.privatelink.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.simulator.common.ControlApiClient;
import io.dataflow.privatelink.simulator.common.DnsAnswer;
import io.dataflow.privatelink.simulator.common.EchoBackend;
import io.dataflow.privatelink.simulator.common.EndpointAddresses;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.dataflow.privatelink.simulator.common.TcpProbe.assertClosedAtOnce;
import static io.dataflow.privatelink.simulator.common.TcpProbe.assertEchoes;
import static io.dataflow.privatelink.simulator.common.TcpProbe.assertRefused;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.SUBNET_A;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.SUBNET_B;
import static io.dataflow.privatelink.simulator.ec2.SimulatorHarness.VPC;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * An interface endpoint is reachable for real: its DNS names answer loopback addresses, and a connection to
 * one of them reaches the service's backend (a real listener here) once the endpoint is available.
 */
class EndpointForwardingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** A port no service here has a backend for. */
    private static final int NO_BACKEND_PORT = 9;

    @AutoClose
    private final EchoBackend backend = EchoBackend.start();
    /** The endpoint listens on the port number the backend has, as a load balancer in front of a broker does. */
    private final int port = backend.port();

    @Test
    void anAvailableEndpointAnswersItsZonesAddressesAndForwardsThemToTheBackend() throws Exception {
        try (SimulatorHarness h = SimulatorHarness.start()) {
            ServiceConfiguration service = h.createSharedService(true);
            h.simulator.setServiceBackends(service.serviceId(), Map.of(port, backend.hostAndPort()));
            VpcEndpoint endpoint = h.createEndpoint(service.serviceName(), null, Map.of(), SUBNET_A, SUBNET_B)
                    .vpcEndpoint();
            String id = endpoint.vpcEndpointId();
            h.owner.acceptVpcEndpointConnections(r -> r.serviceId(service.serviceId()).vpcEndpointIds(id));
            await().atMost(PATIENCE).until(() -> h.stateOf(id), "available"::equals);
            List<String> names = endpoint.dnsEntries().stream().map(DnsEntry::dnsName).toList();
            String regional = names.get(0);
            String zonalB = names.get(2);
            // Nobody resolved it yet: nothing listens.
            String addressA = new EndpointAddresses().addressOf(id, "use1-az1");
            assertRefused(addressA, port);

            DnsAnswer direct = h.simulator.resolve(VPC, regional);
            assertEquals(DnsAnswer.NOERROR, direct.status(), direct.toString());
            List<String> addresses = direct.addresses();
            assertEquals(List.of(addressA, new EndpointAddresses().addressOf(id, "use1-az2")), addresses,
                    "one address per zone, from (endpoint, zone)");
            assertNotEquals(addresses.get(0), addresses.get(1));
            assertEquals(List.of(addresses.get(0)), h.simulator.resolve(VPC, names.get(1)).addresses());
            assertEquals(List.of(addresses.get(1)), h.simulator.resolve(VPC, zonalB).addresses());

            h.privateZone(VPC, "kafka.example.com", Map.of("*.kafka.example.com", regional,
                    "*.use1-az2.kafka.example.com", zonalB));
            DnsAnswer throughZone = h.simulator.resolve(VPC, "b1.kafka.example.com");
            assertEquals(List.of("b1.kafka.example.com", regional), throughZone.chain());
            assertEquals(addresses, throughZone.addresses());
            assertEquals(List.of(addresses.get(1)),
                    h.simulator.resolve(VPC, "b1.use1-az2.kafka.example.com").addresses());

            // Another VPC does not know the endpoint's names, directly or through its own zone.
            assertEquals(DnsAnswer.NXDOMAIN, h.simulator.resolve("vpc-0other", regional).status());
            h.privateZone("vpc-0other", "kafka.example.com", Map.of("*.kafka.example.com", regional));
            DnsAnswer elsewhere = h.simulator.resolve("vpc-0other", "b1.kafka.example.com");
            assertEquals(regional, elsewhere.target());
            assertEquals(List.of(), elsewhere.addresses());

            for (String address : addresses) {
                assertEchoes(address, port);
            }
            assertEquals(2, backend.connections());
            assertRefused(addresses.get(0), NO_BACKEND_PORT);
        }
    }

    @Test
    void anEndpointForwardsOnlyWhileAvailableAndOnlyPortsWithABackend() throws Exception {
        try (SimulatorHarness h = SimulatorHarness.start()) {
            ServiceConfiguration service = h.createSharedService(true);
            h.simulator.setServiceBackends(service.serviceId(), Map.of(port, backend.hostAndPort()));
            VpcEndpoint endpoint = h.createEndpoint(service.serviceName(), null, Map.of(), SUBNET_A).vpcEndpoint();
            String id = endpoint.vpcEndpointId();
            String address = h.simulator.resolve(VPC, endpoint.dnsEntries().get(0).dnsName()).addresses().get(0);

            assertEquals("pendingAcceptance", h.stateOf(id));
            assertClosedAtOnce(address, port);
            h.owner.rejectVpcEndpointConnections(r -> r.serviceId(service.serviceId()).vpcEndpointIds(id));
            assertEquals("rejected", h.stateOf(id));
            assertClosedAtOnce(address, port);
            assertEquals(0, backend.connections(), "nothing reached the backend");
            assertRefused(address, NO_BACKEND_PORT);

            // The owner changes its mind: the same listener forwards once the endpoint is available.
            h.owner.acceptVpcEndpointConnections(r -> r.serviceId(service.serviceId()).vpcEndpointIds(id));
            await().atMost(PATIENCE).until(() -> h.stateOf(id), "available"::equals);
            assertEchoes(address, port);

            // A backend declared after the resolve is listened on at once; one removed is closed at once.
            try (EchoBackend second = EchoBackend.start()) {
                h.simulator.setServiceBackends(service.serviceId(), Map.of(second.port(), second.hostAndPort()));
                assertEchoes(address, second.port());
                assertClosedAtOnce(address, port);
                assertEquals(1, second.connections());
            }
            h.platform.deleteVpcEndpoints(r -> r.vpcEndpointIds(id));
            h.simulator.setServiceBackends(service.serviceId(), Map.of(port, backend.hostAndPort()));
            assertClosedAtOnce(address, port);
        }
    }

    @Test
    void backendsAreSetOverTheControlApiAndKeptAcrossARestart(@TempDir Path folder) throws Exception {
        Ec2SimulatorConfig config = Ec2SimulatorConfig.builder().availableDelay(Duration.ofMillis(200))
                .deletionDelay(Duration.ofMillis(100)).stateFolder(folder).build();
        String serviceId;
        String regional;
        List<String> addresses;
        try (SimulatorHarness first = SimulatorHarness.start(config)) {
            ControlApiClient control = new ControlApiClient(first.simulator.endpoint());
            ServiceConfiguration service = first.createSharedService(false);
            serviceId = service.serviceId();
            String backends = "{\"" + port + "\":\"" + backend.hostAndPort() + "\"}";
            assertEquals(control.ok("PUT", "/services/" + serviceId + "/backends", backends),
                    control.ok("GET", "/services/" + serviceId + "/backends", null));
            assertEquals(backend.hostAndPort(), control.ok("GET", "/services/" + serviceId + "/backends", null)
                    .get(String.valueOf(port)).asText());
            assertEquals(400, control.send("PUT", "/services/" + serviceId + "/backends", "{\"kafka\":\"x:1\"}")
                    .statusCode());
            assertEquals(400, control.send("PUT", "/services/" + serviceId + "/backends", "{\"9092\":\"no-port\"}")
                    .statusCode());
            assertEquals(400, control.send("PUT", "/services/vpce-svc-0unknown/backends", backends).statusCode());

            String id = first.createEndpoint(service.serviceName(), null, Map.of(), SUBNET_A, SUBNET_B).vpcEndpoint()
                    .vpcEndpointId();
            await().atMost(PATIENCE).until(() -> first.stateOf(id), "available"::equals);
            regional = first.describe(id).dnsEntries().get(0).dnsName();
            JsonNode answer = control.ok("GET", "/dns/resolve?vpcId=" + VPC + "&name=" + regional, null);
            assertEquals("NOERROR", answer.get("status").asText());
            addresses = List.of(answer.get("addresses").get(0).asText(), answer.get("addresses").get(1).asText());
            assertEchoes(addresses.get(1), port);
        }
        // Stopped: nothing listens any more.
        assertRefused(addresses.get(1), port);

        try (SimulatorHarness second = SimulatorHarness.start(config)) {
            assertEquals(Map.of(port, backend.hostAndPort()), second.simulator.serviceBackends(serviceId));
            assertEquals(addresses, second.simulator.resolve(VPC, regional).addresses(), "the same addresses");
            assertEchoes(addresses.get(0), port);
            assertEchoes(addresses.get(1), port);

            new ControlApiClient(second.simulator.endpoint()).ok("PUT", "/services/" + serviceId + "/backends", "{}");
            assertEquals(Map.of(), second.simulator.serviceBackends(serviceId), "an empty map removes them");
            assertClosedAtOnce(addresses.get(0), port);
        }
    }
}
