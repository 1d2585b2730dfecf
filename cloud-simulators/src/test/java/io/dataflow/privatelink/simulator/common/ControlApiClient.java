package io.dataflow.privatelink.simulator.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Calls a simulator's JSON control endpoints under {@code /_simulator}, as the local stack and scripts do. */
public final class ControlApiClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final URI simulatorEndpoint;

    /** {@code simulatorEndpoint}: the simulator's {@code endpoint()}. */
    public ControlApiClient(URI simulatorEndpoint) {
        this.simulatorEndpoint = simulatorEndpoint;
    }

    /** {@code path} below {@code /_simulator}; a null body sends none. */
    public HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulatorEndpoint + "/_simulator" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends, asserts a 200 and returns the JSON answer. */
    public JsonNode ok(String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(method, path, body);
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }
}
