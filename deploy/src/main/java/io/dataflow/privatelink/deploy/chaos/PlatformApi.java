package io.dataflow.privatelink.deploy.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The public REST API as a careful client uses it: a request that met a broken connection or a 503
 * (services restarting, database down) is tried again, with the same idempotency key for a create.
 */
final class PlatformApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final String token;

    record Answer(int status, JsonNode body) {
    }

    PlatformApi(String base, String token) {
        this.base = base;
        this.token = token;
    }

    String connections(String clusterId) {
        return base + "/v1beta1/clusters/" + clusterId + "/privateLinkConnections";
    }

    String connection(String clusterId, String id) {
        return connections(clusterId) + "/" + id;
    }

    String token() {
        return token;
    }

    /** One attempt; null when the connection broke or timed out. */
    Answer once(String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Tries until an answer other than 503 (or 502/504 from a restarting hop) comes, for up to two minutes.
     * Only for requests that are safe to repeat.
     */
    Answer retrying(String method, String url, String body, Map<String, String> headers) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Answer answer = once(method, url, body, headers);
            if (answer != null && answer.status() != 503 && answer.status() != 502 && answer.status() != 504) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(method + " " + url + " got no answer within " + PATIENCE
                        + (answer == null ? " (connection broken)" : " (last: " + answer.status() + " " + answer.body() + ")"));
            }
            pause(300);
        }
    }

    Answer get(String url) {
        return retrying("GET", url, null, Map.of());
    }

    /** Every connection of a cluster, every page. */
    List<JsonNode> list(String clusterId) {
        List<JsonNode> all = new ArrayList<>();
        String pageToken = "";
        do {
            Answer page = get(connections(clusterId) + "?pageSize=100"
                    + (pageToken.isEmpty() ? "" : "&pageToken=" + pageToken));
            require(page, 200, "list");
            page.body().path("privateLinkConnections").forEach(all::add);
            pageToken = page.body().path("nextPageToken").asText("");
        } while (!pageToken.isEmpty());
        return all;
    }

    static Answer require(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(what + ": " + answer.status() + " " + answer.body());
        }
        return answer;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
