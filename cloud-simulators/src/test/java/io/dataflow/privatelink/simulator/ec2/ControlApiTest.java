package io.dataflow.privatelink.simulator.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** The JSON control endpoints under /_simulator, used by the local stack; EC2 itself is still driven by the SDK. */
class ControlApiTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private SimulatorHarness h;

    @BeforeEach
    void start() {
        h = SimulatorHarness.start();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(h.simulator.endpoint() + "/_simulator" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(String method, String path, String body) throws Exception {
        HttpResponse<String> response = call(method, path, body);
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }

    @Test
    void faultsAndCallCountsOverHttp() throws Exception {
        assertEquals("UP", ok("GET", "/health", null).get("status").asText());
        ok("POST", "/faults", "{\"action\":\"DescribeVpcEndpoints\",\"kind\":\"throttle\",\"times\":1}");
        assertEquals(1, ok("GET", "/faults", null).get("faults").size());

        Ec2Exception e = assertThrows(Ec2Exception.class, () -> h.platform.describeVpcEndpoints(r -> { }));
        assertEquals("RequestLimitExceeded", e.awsErrorDetails().errorCode());
        h.platform.describeVpcEndpoints(r -> { });

        JsonNode calls = ok("GET", "/calls", null);
        assertEquals(2, calls.get("calls").get("DescribeVpcEndpoints").asLong());
        assertEquals(1, calls.get("throttledTotal").asLong());
        assertEquals(0, ok("DELETE", "/calls", null).get("calls").size());

        ok("PUT", "/rate-limits", "{\"enabled\":true}");
        assertTrue(h.simulator.rateLimitsEnabled());
        assertEquals(404, call("GET", "/nothing-here", null).statusCode());
        assertEquals(400, call("POST", "/faults", "{\"action\":\"X\",\"kind\":\"meteor\"}").statusCode());
    }

    @Test
    void accountsSubnetsAndEndpointHooksOverHttp() throws Exception {
        ok("POST", "/accounts", "{\"accountId\":\"444444444444\",\"accessKeyId\":\"AKIDVIAHTTP\"}");
        ok("POST", "/subnets", "{\"accountId\":\"444444444444\",\"vpcId\":\"vpc-http\",\"subnetId\":\"subnet-http\","
                + "\"azId\":\"use1-az1\",\"azName\":\"us-east-1a\"}");
        JsonNode service = ok("POST", "/services", "{\"ownerAccountId\":\"555555555555\",\"acceptanceRequired\":false}");
        ok("POST", "/services/" + service.get("serviceId").asText() + "/principals",
                "{\"principal\":\"arn:aws:iam::444444444444:root\"}");

        var client = h.client("AKIDVIAHTTP");
        String id = client.createVpcEndpoint(r -> r.vpcEndpointType("Interface").vpcId("vpc-http")
                .serviceName(service.get("serviceName").asText()).subnetIds("subnet-http"))
                .vpcEndpoint().vpcEndpointId();

        assertEquals("failed", ok("PUT", "/endpoints/" + id + "/state", "{\"state\":\"failed\"}").get("state").asText());
        assertEquals("failed", client.describeVpcEndpoints(r -> r.vpcEndpointIds(id)).vpcEndpoints().get(0).stateAsString());
        assertEquals("true", ok("DELETE", "/endpoints/" + id, null).get("deleted").asText());
        assertTrue(ok("GET", "/endpoints/" + id, null).get("state").isNull());
        assertTrue(client.describeVpcEndpoints(r -> { }).vpcEndpoints().isEmpty());
    }
}
