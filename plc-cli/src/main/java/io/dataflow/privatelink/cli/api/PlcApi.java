package io.dataflow.privatelink.cli.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dataflow.privatelink.cli.CliFailure;
import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.config.ApiTarget;
import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.contract.timing.ExponentialBackoff;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The REST API as the CLI calls it: JSON in and out, the bearer token on every request (never printed),
 * the API's error body turned into {@link ApiErrorReply}. Reads, and creates sent with an idempotency key, are
 * retried when the connection breaks or the API answers 503 (as its Retry-After says), so a retry never
 * makes a second connection.
 */
public final class PlcApi {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final int ATTEMPTS = 4;
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(5);
    private static final ExponentialBackoff RETRY_BACKOFF = new ExponentialBackoff(Duration.ofMillis(250),
            Duration.ofSeconds(4));

    private final ApiTarget target;
    private final HttpClient http;
    private final PrintStream debug;

    public PlcApi(ApiTarget target, PrintStream debug) {
        this.target = target;
        this.debug = debug;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if ("http".equals(target.base().getScheme())) {
            // No TLS on a plain-HTTP target: spare every run the default SSLContext and its trust store
            // (a quarter of a second of a short-lived process).
            builder.sslContext(noTls());
        }
        this.http = builder.build();
    }

    private static SSLContext noTls() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], new TrustManager[0], null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public ApiTarget target() {
        return target;
    }

    /** A request that can safely be sent again: reads, and writes carrying an idempotency key. */
    public <T> T call(String method, String path, Object body, Map<String, String> headers, Class<T> type,
                      boolean retryable) {
        int attempts = retryable ? ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<byte[]> response = send(method, path, body, headers);
                if (response.statusCode() / 100 == 2) {
                    return type == Void.class || response.body().length == 0 ? null
                            : JSON.readValue(response.body(), type);
                }
                ApiErrorReply error = error(response.statusCode(), response.body());
                if (retryable && attempt < attempts && response.statusCode() == 503) {
                    pause(retryAfter(response).orElse(backoff(attempt)), error.getMessage());
                    continue;
                }
                throw error;
            } catch (IOException e) {
                if (retryable && attempt < attempts && !(e instanceof ConnectException)) {
                    pause(backoff(attempt), e.toString());
                    continue;
                }
                throw unreachable(e);
            }
        }
    }

    public <T> T get(String path, Class<T> type) {
        return call("GET", path, null, Map.of(), type, true);
    }

    /** Opens a status stream (Server-Sent Events), resuming after {@code lastEventId} when given. */
    public InputStream openStream(String path, String lastEventId) throws IOException {
        HttpRequest.Builder request = request(path).GET().header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            log("GET", path, response.statusCode());
            if (response.statusCode() != 200) {
                byte[] body;
                try (InputStream in = response.body()) {
                    body = in.readAllBytes();
                }
                throw error(response.statusCode(), body);
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public CliFailure unreachable(IOException e) {
        return new CliFailure(ExitCodes.ERROR, "cannot reach the API at " + target.base() + " (" + e
                + "); is it running? (profile '" + target.profileName() + "', PLC_API overrides it)", e);
    }

    private HttpResponse<byte[]> send(String method, String path, Object body, Map<String, String> headers)
            throws IOException {
        HttpRequest.Builder request = request(path).header("Accept", "application/json");
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            log(method, path, response.statusCode(), (System.nanoTime() - started) / 1_000_000);
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.base() + path))
                .header("User-Agent", "plc-cli");
        target.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return request;
    }

    private static ApiErrorReply error(int status, byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.has("code") && node.has("message")) {
                return new ApiErrorReply(status, node.get("code").asInt(), node.get("message").asText());
            }
        } catch (IOException notJson) {
            // below
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return new ApiErrorReply(status, status == 401 ? RpcCode.UNAUTHENTICATED.code() : status == 403 ? RpcCode.PERMISSION_DENIED.code()
                : status == 404 ? RpcCode.NOT_FOUND.code() : status == 503 ? RpcCode.UNAVAILABLE.code() : RpcCode.UNKNOWN.code(),
                text.isEmpty() ? "HTTP " + status : text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                Duration wait = Duration.ofSeconds(Long.parseLong(value.strip()));
                return Optional.of(wait.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** 250 ms after the first attempt, doubling to 4 s. */
    private static Duration backoff(int attempt) {
        return RETRY_BACKOFF.after(attempt + 1);
    }

    private void pause(Duration wait, String why) {
        if (debug != null) {
            debug.printf("debug: retrying in %d ms: %s%n", wait.toMillis(), why);
        }
        try {
            Thread.sleep(wait.toMillis()); // a deliberate pause between attempts, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.ERROR, "interrupted");
        }
    }

    private void log(String method, String path, int status, long... millis) {
        if (debug != null) {
            debug.printf("debug: %s %s%s -> %d%s%n", method, target.base(), path, status,
                    millis.length > 0 ? " (" + millis[0] + " ms)" : "");
        }
    }
}
