package io.dataflow.privatelink.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.simulator.common.ControlApiClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON control endpoints under /_simulator, used by the local stack; EC2 itself is still driven by the SDK. */
class ControlApiTest {

    @AutoClose
    private final SimulatorHarness h = SimulatorHarness.start();
    private final ControlApiClient control = new ControlApiClient(h.simulator.endpoint());

    @Test
    void faultsAndCallCountsOverHttp() throws Exception {
        assertEquals("UP", control.ok("GET", "/health", null).get("status").asText());
        control.ok("POST", "/faults", "{\"action\":\"DescribeVpcEndpoints\",\"kind\":\"throttle\",\"times\":1}");
        assertEquals(1, control.ok("GET", "/faults", null).get("faults").size());

        Ec2Exception e = assertThrows(Ec2Exception.class, () -> h.platform.describeVpcEndpoints(r -> { }));
        assertEquals("RequestLimitExceeded", e.awsErrorDetails().errorCode());
        h.platform.describeVpcEndpoints(r -> { });

        JsonNode calls = control.ok("GET", "/calls", null);
        assertEquals(2, calls.get("calls").get("DescribeVpcEndpoints").asLong());
        assertEquals(1, calls.get("throttledTotal").asLong());
        assertEquals(0, control.ok("DELETE", "/calls", null).get("calls").size());

        control.ok("PUT", "/rate-limits", "{\"enabled\":true}");
        assertTrue(h.simulator.rateLimitsEnabled());
        assertEquals(404, control.send("GET", "/nothing-here", null).statusCode());
        assertEquals(400, control.send("POST", "/faults", "{\"action\":\"X\",\"kind\":\"meteor\"}").statusCode());
    }

    @Test
    void accountsSubnetsAndEndpointHooksOverHttp() throws Exception {
        control.ok("POST", "/accounts", "{\"accountId\":\"444444444444\",\"accessKeyId\":\"AKIDVIAHTTP\"}");
        control.ok("POST", "/subnets", "{\"accountId\":\"444444444444\",\"vpcId\":\"vpc-http\","
                + "\"subnetId\":\"subnet-http\",\"azId\":\"use1-az1\",\"azName\":\"us-east-1a\"}");
        JsonNode service = control.ok("POST", "/services",
                "{\"ownerAccountId\":\"555555555555\",\"acceptance\":\"automatic\"}");
        control.ok("POST", "/services/" + service.get("serviceId").asText() + "/principals",
                "{\"principal\":\"arn:aws:iam::444444444444:root\"}");

        var client = h.client("AKIDVIAHTTP");
        String id = client.createVpcEndpoint(r -> r.vpcEndpointType("Interface").vpcId("vpc-http")
                .serviceName(service.get("serviceName").asText()).subnetIds("subnet-http"))
                .vpcEndpoint().vpcEndpointId();
        String accepted = control.ok("GET", "/endpoints/" + id, null).get("state").asText();
        assertTrue(accepted.equals("pending") || accepted.equals("available"), "automatic acceptance: " + accepted);

        assertEquals("failed", control.ok("PUT", "/endpoints/" + id + "/state", "{\"state\":\"failed\"}")
                .get("state").asText());
        assertEquals("failed", client.describeVpcEndpoints(r -> r.vpcEndpointIds(id)).vpcEndpoints().get(0).stateAsString());
        assertEquals("true", control.ok("DELETE", "/endpoints/" + id, null).get("deleted").asText());
        assertTrue(control.ok("GET", "/endpoints/" + id, null).get("state").isNull());
        assertTrue(client.describeVpcEndpoints(r -> { }).vpcEndpoints().isEmpty());
    }
}
