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
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 *
 * <p>GET and POST (every read, the status streams, create, attach, detach) go through {@link HttpURLConnection}:
 * a process that makes one or two requests starts it in a tenth of the time the JDK's {@link HttpClient} takes
 * (its selector thread, its TLS set-up: 35 ms against 180 ms, deploy/bench/RESULTS.md). Its own silent retry of
 * a request whose answer did not come is off for POST ({@code sun.net.http.retryPost}); it cannot be turned off
 * for other methods, so those (DELETE: a request sent once; PATCH, which {@link HttpURLConnection} cannot send) go
 * through {@link HttpClient}, which never retries by itself.
 */
public final class PlcApi {

    static {
        // HttpURLConnection would send a POST again, once, when its answer does not come: a second attach
        // or detach. Read when its client class is loaded, so set before the first request of this process.
        System.setProperty("sun.net.http.retryPost", "false");
    }

    /**
     * Reads answers leniently, as an older reader of an additive API must: unknown fields are skipped, an unknown
     * value of an enum with a default is read as that default (a newer {@code FailureReason}: ENDPOINT_FAILED).
     * What is printed as JSON or YAML is the answer's own tree ({@link #tree}), so nothing is lost there.
     */
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final int ATTEMPTS = 4;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(5);
    private static final ExponentialBackoff RETRY_BACKOFF = new ExponentialBackoff(Duration.ofMillis(250),
            Duration.ofSeconds(4));

    /** An answer: its status, body and Retry-After header. */
    @SuppressWarnings("ArrayRecordComponent") // carries one answer from send to call; never compared or hashed
    private record Reply(int status, byte[] body, Optional<String> retryAfter) {
    }

    private final ApiTarget target;
    private final PrintStream debug;
    private HttpClient http;

    public PlcApi(ApiTarget target, PrintStream debug) {
        this.target = target;
        this.debug = debug;
    }

    /** The JDK's client, built on first use (methods other than GET and POST). */
    private HttpClient http() {
        if (http == null) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MILLIS));
            if ("http".equals(target.base().getScheme())) {
                // No TLS on a plain-HTTP target: spare the default SSLContext and its trust store.
                builder.sslContext(noTls());
            }
            http = builder.build();
        }
        return http;
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
                Reply response = send(method, path, body, headers);
                if (response.status() / 100 == 2) {
                    return type == Void.class || response.body().length == 0 ? null
                            : JSON.readValue(response.body(), type);
                }
                ApiErrorReply error = error(response.status(), response.body());
                if (retryable && attempt < attempts && response.status() == 503) {
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

    /** An answer as the API sent it (JSON and YAML output), and read into a contract type (tables). */
    public record Answer<T>(JsonNode tree, T value) {
    }

    /** {@link #call}, keeping the answer's tree beside its typed value. */
    public <T> Answer<T> tree(String method, String path, Object body, Map<String, String> headers, Class<T> type,
                              boolean retryable) {
        return answer(call(method, path, body, headers, JsonNode.class, retryable), type);
    }

    /** A node of an answer (one connection of a list) read into a contract type, kept beside its tree. */
    public static <T> Answer<T> answer(JsonNode tree, Class<T> type) {
        try {
            return new Answer<>(tree, JSON.treeToValue(tree, type));
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.ERROR, "the API's answer is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Opens a status stream (Server-Sent Events), resuming after {@code lastEventId} when given. */
    public InputStream openStream(String path, String lastEventId) throws IOException {
        HttpURLConnection connection = open("GET", path, Map.of("Accept", "text/event-stream"));
        if (lastEventId != null) {
            connection.setRequestProperty("Last-Event-ID", lastEventId);
        }
        int status = connection.getResponseCode();
        log("GET", path, status);
        if (status != 200) {
            throw error(status, readAll(connection.getErrorStream()));
        }
        return connection.getInputStream();
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public CliFailure unreachable(IOException e) {
        return new CliFailure(ExitCodes.ERROR, "cannot reach the API at " + target.base() + " (" + e
                + "); is it running? (profile '" + target.profileName() + "', PLC_API overrides it)", e);
    }

    private Reply send(String method, String path, Object body, Map<String, String> headers) throws IOException {
        long started = System.nanoTime();
        Reply reply = method.equals("GET") || method.equals("POST") ? sendByUrlConnection(method, path, body, headers)
                : sendByHttpClient(method, path, body, headers);
        log(method, path, reply.status(), (System.nanoTime() - started) / 1_000_000);
        return reply;
    }

    private Reply sendByUrlConnection(String method, String path, Object body, Map<String, String> headers)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Accept", "application/json");
        if (body != null) {
            all.put("Content-Type", "application/json");
        }
        HttpURLConnection connection = open(method, path, all);
        if (body != null) {
            byte[] bytes = JSON.writeValueAsBytes(body);
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = connection.getResponseCode();
        byte[] answer = readAll(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
        return new Reply(status, answer, Optional.ofNullable(connection.getHeaderField("Retry-After")));
    }

    private HttpURLConnection open(String method, String path, Map<String, String> headers) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(target.base() + path).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setRequestProperty("User-Agent", "plc-cli");
        target.token().ifPresent(token -> connection.setRequestProperty("Authorization", "Bearer " + token));
        headers.forEach(connection::setRequestProperty);
        return connection;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            return in.readAllBytes();
        }
    }

    private Reply sendByHttpClient(String method, String path, Object body, Map<String, String> headers)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.base() + path))
                .header("User-Agent", "plc-cli").header("Accept", "application/json");
        target.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        try {
            HttpResponse<byte[]> response = http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
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

    private static Optional<Duration> retryAfter(Reply response) {
        return response.retryAfter().flatMap(value -> {
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
