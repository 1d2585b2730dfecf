package io.dataflow.privatelink.simulator.alicloud;

import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.REGION;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.ZONE_H;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.call;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointRequest;
import com.aliyuncs.privatelink.model.v20200415.GetVpcEndpointAttributeRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON control endpoints under /_simulator, used by the local stack; PrivateLink itself is still driven by the SDK. */
class ControlApiTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private AlicloudHarness h;

    @BeforeEach
    void start() {
        h = AlicloudHarness.start();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(h.simulator.endpoint() + "/_simulator" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(method, path, body);
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }

    @Test
    void faultsAndCallCountsOverHttp() throws Exception {
        assertEquals("UP", ok("GET", "/health", null).get("status").asText());
        ok("POST", "/faults", "{\"action\":\"ListVpcEndpoints\",\"kind\":\"throttle\",\"times\":1}");
        assertEquals(1, ok("GET", "/faults", null).get("faults").size());

        ClientException e = assertThrows(ClientException.class, () -> call(h.platform, new ListVpcEndpointsRequest()));
        assertEquals("Throttling.User", e.getErrCode());
        call(h.platform, new ListVpcEndpointsRequest());

        JsonNode calls = ok("GET", "/calls", null);
        assertEquals(2, calls.get("calls").get("ListVpcEndpoints").asLong());
        assertEquals(1, calls.get("throttledTotal").asLong());
        assertEquals(0, ok("DELETE", "/calls", null).get("calls").size());

        ok("POST", "/faults", "{\"action\":\"*\",\"kind\":\"service-unavailable\"}");
        assertEquals("ServiceUnavailable", assertThrows(ClientException.class,
                () -> call(h.platform, new ListVpcEndpointsRequest())).getErrCode());
        assertEquals(0, ok("DELETE", "/faults", null).get("faults").size());

        ok("PUT", "/rate-limits", "{\"enabled\":true}");
        assertTrue(h.simulator.rateLimitsEnabled());
        assertEquals(404, send("GET", "/nothing-here", null).statusCode());
        assertEquals(400, send("POST", "/faults", "{\"action\":\"X\",\"kind\":\"meteor\"}").statusCode());
    }

    @Test
    void accountsVSwitchesServicesAndEndpointHooksOverHttp() throws Exception {
        ok("POST", "/accounts", "{\"accountId\":\"1000000000000044\",\"accessKeyId\":\"LTAI5tViaHttp\","
                + "\"accessKeySecret\":\"http-secret\"}");
        ok("POST", "/vswitches", "{\"accountId\":\"1000000000000044\",\"regionId\":\"" + REGION + "\","
                + "\"vpcId\":\"vpc-http\",\"vSwitchId\":\"vsw-http\",\"zoneId\":\"" + ZONE_H + "\"}");
        JsonNode service = ok("POST", "/services", "{\"ownerAccountId\":\"1000000000000055\",\"regionId\":\""
                + REGION + "\",\"autoAcceptEnabled\":false}");
        assertTrue(service.get("serviceName").asText().startsWith("com.aliyuncs.privatelink." + REGION + ".epsrv-"));
        ok("POST", "/services/" + service.get("serviceId").asText() + "/users", "{\"userId\":\"1000000000000044\"}");

        DefaultAcsClient client = h.client("LTAI5tViaHttp", "http-secret");
        CreateVpcEndpointRequest create = new CreateVpcEndpointRequest();
        create.setServiceId(service.get("serviceId").asText());
        create.setVpcId("vpc-http");
        create.setSecurityGroupIds(List.of("sg-http"));
        create.setZones(List.of(zone(ZONE_H, "vsw-http")));
        String id = call(client, create).getEndpointId();
        assertEquals("Creating", ok("GET", "/endpoints/" + id, null).get("endpointStatus").asText());

        JsonNode forced = ok("PUT", "/endpoints/" + id + "/status",
                "{\"endpointStatus\":\"Active\",\"connectionStatus\":\"Disconnected\"}");
        assertEquals("Disconnected", forced.get("connectionStatus").asText());
        GetVpcEndpointAttributeRequest get = new GetVpcEndpointAttributeRequest();
        get.setEndpointId(id);
        assertEquals("Disconnected", call(client, get).getConnectionStatus());

        assertEquals("true", ok("DELETE", "/services/" + service.get("serviceId").asText(), null)
                .get("deleted").asText());
        assertEquals("ServiceDeleted", call(client, get).getConnectionStatus());
        assertEquals("true", ok("DELETE", "/endpoints/" + id, null).get("deleted").asText());
        assertTrue(ok("GET", "/endpoints/" + id, null).get("endpointStatus").isNull());
        assertTrue(call(client, new ListVpcEndpointsRequest()).getEndpoints().isEmpty());
        assertEquals(400, send("PUT", "/endpoints/" + id + "/status", "{\"endpointStatus\":\"Active\"}").statusCode());
        assertEquals(400, send("POST", "/accounts", "{\"accountId\":\"not-a-uid\",\"accessKeyId\":\"k\","
                + "\"accessKeySecret\":\"s\"}").statusCode());
    }
}
