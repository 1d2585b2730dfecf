package io.dataflow.privatelink.simulator.alicloud;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointRequest;
import com.aliyuncs.privatelink.model.v20200415.GetVpcEndpointAttributeRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.simulator.common.ControlApiClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.REGION;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.ZONE_H;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.call;
import static io.dataflow.privatelink.simulator.alicloud.AlicloudHarness.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON control endpoints under /_simulator, used by the local stack; PrivateLink itself is still driven by the SDK. */
class ControlApiTest {

    @AutoClose
    private final AlicloudHarness h = AlicloudHarness.start();
    private final ControlApiClient control = new ControlApiClient(h.simulator.endpoint());

    @Test
    void faultsAndCallCountsOverHttp() throws Exception {
        assertEquals("UP", control.ok("GET", "/health", null).get("status").asText());
        control.ok("POST", "/faults", "{\"action\":\"ListVpcEndpoints\",\"kind\":\"throttle\",\"times\":1}");
        assertEquals(1, control.ok("GET", "/faults", null).get("faults").size());

        ClientException e = assertThrows(ClientException.class, () -> call(h.platform, new ListVpcEndpointsRequest()));
        assertEquals("Throttling.User", e.getErrCode());
        call(h.platform, new ListVpcEndpointsRequest());

        JsonNode calls = control.ok("GET", "/calls", null);
        assertEquals(2, calls.get("calls").get("ListVpcEndpoints").asLong());
        assertEquals(1, calls.get("throttledTotal").asLong());
        assertEquals(0, control.ok("DELETE", "/calls", null).get("calls").size());

        control.ok("POST", "/faults", "{\"action\":\"*\",\"kind\":\"service-unavailable\"}");
        assertEquals("ServiceUnavailable", assertThrows(ClientException.class,
                () -> call(h.platform, new ListVpcEndpointsRequest())).getErrCode());
        assertEquals(0, control.ok("DELETE", "/faults", null).get("faults").size());

        control.ok("PUT", "/rate-limits", "{\"enabled\":true}");
        assertTrue(h.simulator.rateLimitsEnabled());
        assertEquals(404, control.send("GET", "/nothing-here", null).statusCode());
        assertEquals(400, control.send("POST", "/faults", "{\"action\":\"X\",\"kind\":\"meteor\"}").statusCode());
    }

    @Test
    void accountsVSwitchesServicesAndEndpointHooksOverHttp() throws Exception {
        control.ok("POST", "/accounts", "{\"accountId\":\"1000000000000044\",\"accessKeyId\":\"LTAI5tViaHttp\","
                + "\"accessKeySecret\":\"http-secret\"}");
        control.ok("POST", "/vswitches", "{\"accountId\":\"1000000000000044\",\"regionId\":\"" + REGION + "\","
                + "\"vpcId\":\"vpc-http\",\"vSwitchId\":\"vsw-http\",\"zoneId\":\"" + ZONE_H + "\"}");
        JsonNode service = control.ok("POST", "/services", "{\"ownerAccountId\":\"1000000000000055\",\"regionId\":\""
                + REGION + "\",\"acceptance\":\"manual\"}");
        assertTrue(service.get("serviceName").asText().startsWith("com.aliyuncs.privatelink." + REGION + ".epsrv-"));
        control.ok("POST", "/services/" + service.get("serviceId").asText() + "/users",
                "{\"userId\":\"1000000000000044\"}");

        DefaultAcsClient client = h.client("LTAI5tViaHttp", "http-secret");
        CreateVpcEndpointRequest create = new CreateVpcEndpointRequest();
        create.setServiceId(service.get("serviceId").asText());
        create.setVpcId("vpc-http");
        create.setSecurityGroupIds(List.of("sg-http"));
        create.setZones(List.of(zone(ZONE_H, "vsw-http")));
        String id = call(client, create).getEndpointId();
        assertEquals("Creating", control.ok("GET", "/endpoints/" + id, null).get("endpointStatus").asText());

        JsonNode forced = control.ok("PUT", "/endpoints/" + id + "/status",
                "{\"endpointStatus\":\"Active\",\"connectionStatus\":\"Disconnected\"}");
        assertEquals("Disconnected", forced.get("connectionStatus").asText());
        GetVpcEndpointAttributeRequest get = new GetVpcEndpointAttributeRequest();
        get.setEndpointId(id);
        assertEquals("Disconnected", call(client, get).getConnectionStatus());

        assertEquals("true", control.ok("DELETE", "/services/" + service.get("serviceId").asText(), null)
                .get("deleted").asText());
        assertEquals("ServiceDeleted", call(client, get).getConnectionStatus());
        assertEquals("true", control.ok("DELETE", "/endpoints/" + id, null).get("deleted").asText());
        assertTrue(control.ok("GET", "/endpoints/" + id, null).get("endpointStatus").isNull());
        assertTrue(call(client, new ListVpcEndpointsRequest()).getEndpoints().isEmpty());
        assertEquals(400, control.send("PUT", "/endpoints/" + id + "/status", "{\"endpointStatus\":\"Active\"}")
                .statusCode());
        assertEquals(400, control.send("POST", "/accounts", "{\"accountId\":\"not-a-uid\",\"accessKeyId\":\"k\","
                + "\"accessKeySecret\":\"s\"}").statusCode());
    }
}
