package io.dataflow.privatelink.worker.connectivity;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.contract.event.EventJson;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The local stack's platform VPC: the cloud simulator answers what a name resolves to in a simulated VPC
 * ({@code GET /_simulator/dns/resolve}), with loopback addresses that forward to the simulated services' real
 * listeners. Chosen by {@code plc.worker.connectivity.resolver=simulator}; never in production.
 */
public final class SimulatorVpcResolver implements VpcResolver {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI simulator;

    public SimulatorVpcResolver(URI simulator) {
        this.simulator = simulator;
    }

    @Override
    public List<String> resolve(String vpcId, String name) throws IOException {
        URI uri = simulator.resolve("/_simulator/dns/resolve?vpcId=" + URLEncoder.encode(vpcId, StandardCharsets.UTF_8)
                + "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while resolving " + name, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("the simulator's resolver answered " + response.statusCode() + " for " + name);
        }
        JsonNode answer = EventJson.mapper().readTree(response.body());
        List<String> addresses = new ArrayList<>();
        answer.path("addresses").forEach(a -> addresses.add(a.asText()));
        return addresses;
    }
}
