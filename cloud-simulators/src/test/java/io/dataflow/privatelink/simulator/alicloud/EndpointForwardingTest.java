package io.dataflow.privatelink.simulator.alicloud;

import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointServiceResponse;
import com.aliyuncs.privatelink.model.v20200415.DisableVpcEndpointConnectionRequest;
import com.aliyuncs.privatelink.model.v20200415.EnableVpcEndpointConnectionRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointZonesRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointZonesResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.simulator.common.ControlApiClient;
import io.dataflow.privatelink.simulator.common.DnsAnswer;
import io.dataflow.privatelink.simulator.common.EchoBackend;
import io.dataflow.privatelink.simulator.common.EndpointAddresses;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.VPC;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.VSW_H;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.VSW_I;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.ZONE_H;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.ZONE_I;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.call;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.zone;
import static io.dataflow.privatelink.simulator.common.TcpProbe.assertClosedAtOnce;
import static io.dataflow.privatelink.simulator.common.TcpProbe.assertEchoes;
import static io.dataflow.privatelink.simulator.common.TcpProbe.assertRefused;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * An endpoint is reachable for real: its domains answer loopback addresses, and a connection to one of them
 * reaches the service's backend (a real listener here) once the endpoint is Active and Connected.
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
    void aConnectedEndpointAnswersItsZonesAddressesAndForwardsThemToTheBackend() throws Exception {
        try (AlicloudHarness h = AlicloudHarness.start()) {
            CreateVpcEndpointServiceResponse service = h.createSharedService(true);
            h.simulator.setServiceBackends(service.getServiceId(), Map.of(port, backend.hostAndPort()));
            String id = h.createEndpoint(service.getServiceName(),
                    r -> r.setZones(List.of(zone(ZONE_H, VSW_H), zone(ZONE_I, VSW_I)))).getEndpointId();
            await().atMost(PATIENCE).until(() -> h.statusOf(id), "Active/Connected"::equals);
            String domain = h.describe(id).getEndpointDomain();
            List<String> zoneDomains = zoneDomains(h, id);
            String addressH = new EndpointAddresses().addressOf(id, ZONE_H);
            assertRefused(addressH, port);  // nobody resolved it yet: nothing listens

            DnsAnswer direct = h.simulator.resolve(VPC, domain);
            assertEquals(DnsAnswer.NOERROR, direct.status(), direct.toString());
            List<String> addresses = direct.addresses();
            assertEquals(List.of(addressH, new EndpointAddresses().addressOf(id, ZONE_I)), addresses,
                    "one address per zone, from (endpoint, zone)");
            assertNotEquals(addresses.get(0), addresses.get(1));
            assertEquals(List.of(addresses.get(0)), h.simulator.resolve(VPC, zoneDomains.get(0)).addresses());
            assertEquals(List.of(addresses.get(1)), h.simulator.resolve(VPC, zoneDomains.get(1)).addresses());

            h.privateZone(VPC, "u1.alicloud.plc.example", Map.of("*", domain, "*." + ZONE_I, zoneDomains.get(1)));
            DnsAnswer throughZone = h.simulator.resolve(VPC, "b1.u1.alicloud.plc.example");
            assertEquals(List.of("b1.u1.alicloud.plc.example", domain), throughZone.chain());
            assertEquals(addresses, throughZone.addresses());
            assertEquals(List.of(addresses.get(1)),
                    h.simulator.resolve(VPC, "b1." + ZONE_I + ".u1.alicloud.plc.example").addresses());
            // Another VPC does not know the endpoint's domains.
            DnsAnswer elsewhere = h.simulator.resolve("vpc-other", domain);
            assertEquals(DnsAnswer.NXDOMAIN, elsewhere.status());
            assertEquals(List.of(), elsewhere.addresses());

            for (String address : addresses) {
                assertEchoes(address, port);
            }
            assertEquals(2, backend.connections());
            assertRefused(addresses.get(0), NO_BACKEND_PORT);
        }
    }

    @Test
    void anEndpointForwardsOnlyWhileItsConnectionIsAccepted() throws Exception {
        try (AlicloudHarness h = AlicloudHarness.start()) {
            CreateVpcEndpointServiceResponse service = h.createSharedService(false);
            h.simulator.setServiceBackends(service.getServiceId(), Map.of(port, backend.hostAndPort()));
            String id = h.createEndpoint(service.getServiceName()).getEndpointId();
            String address = h.simulator.resolve(VPC, h.describe(id).getEndpointDomain()).addresses().get(0);
            assertClosedAtOnce(address, port);  // Creating
            await().atMost(PATIENCE).until(() -> h.statusOf(id), "Active/Pending"::equals);
            assertClosedAtOnce(address, port);
            assertEquals(0, backend.connections(), "nothing reached the backend");

            EnableVpcEndpointConnectionRequest enable = new EnableVpcEndpointConnectionRequest();
            enable.setServiceId(service.getServiceId());
            enable.setEndpointId(id);
            call(h.owner, enable);
            await().atMost(PATIENCE).until(() -> h.statusOf(id), "Active/Connected"::equals);
            assertEchoes(address, port);

            DisableVpcEndpointConnectionRequest disable = new DisableVpcEndpointConnectionRequest();
            disable.setServiceId(service.getServiceId());
            disable.setEndpointId(id);
            call(h.owner, disable);
            await().atMost(PATIENCE).until(() -> h.statusOf(id), "Active/Disconnected"::equals);
            assertClosedAtOnce(address, port);
            assertEquals(1, backend.connections());
        }
    }

    @Test
    void backendsAreSetOverTheControlApiAndKeptAcrossARestart(@TempDir Path folder) throws Exception {
        AlicloudSimulatorConfig.Builder config = AlicloudSimulatorConfig.builder().activeDelay(Duration.ofMillis(200))
                .connectDelay(Duration.ofMillis(200)).disconnectDelay(Duration.ofMillis(100))
                .deletionDelay(Duration.ofMillis(100));
        String serviceId;
        String domain;
        String address;
        try (AlicloudHarness first = AlicloudHarness.start(config, folder)) {
            ControlApiClient control = new ControlApiClient(first.simulator.endpoint());
            CreateVpcEndpointServiceResponse service = first.createSharedService(true);
            serviceId = service.getServiceId();
            JsonNode set = control.ok("PUT", "/services/" + serviceId + "/backends",
                    "{\"" + port + "\":\"" + backend.hostAndPort() + "\"}");
            assertEquals(backend.hostAndPort(), set.get(String.valueOf(port)).asText());
            assertEquals(400, control.send("PUT", "/services/epsrv-unknown/backends", "{}").statusCode());

            String id = first.createEndpoint(service.getServiceName()).getEndpointId();
            await().atMost(PATIENCE).until(() -> first.statusOf(id), "Active/Connected"::equals);
            domain = first.describe(id).getEndpointDomain();
            JsonNode answer = control.ok("GET", "/dns/resolve?vpcId=" + VPC + "&name=" + domain, null);
            assertEquals(1, answer.get("addresses").size(), answer.toString());
            address = answer.get("addresses").get(0).asText();
            assertEchoes(address, port);
        }
        assertRefused(address, port);  // stopped: nothing listens any more

        try (AlicloudHarness second = AlicloudHarness.start(config, folder)) {
            assertEquals(Map.of(port, backend.hostAndPort()), second.simulator.serviceBackends(serviceId));
            assertEquals(List.of(address), second.simulator.resolve(VPC, domain).addresses(), "the same address");
            assertEchoes(address, port);
        }
    }

    private static List<String> zoneDomains(AlicloudHarness h, String endpointId) throws ClientException {
        ListVpcEndpointZonesRequest request = new ListVpcEndpointZonesRequest();
        request.setEndpointId(endpointId);
        return call(h.platform, request).getZones().stream().map(ListVpcEndpointZonesResponse.Zone::getZoneDomain)
                .toList();
    }
}
