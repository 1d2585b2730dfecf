package io.dataflow.privatelink.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dataflow.privatelink.cli.api.PlcApi;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The API as a command sees it, scripted: every request is recorded (method, path with its query, headers,
 * body) and answered with the next answer scripted for its method and path, the last one repeating. A
 * request nothing was scripted for gets a 500 saying so, and the command fails loudly.
 */
final class StubApi implements AutoCloseable {

    /** A request as the stub received it. */
    record Request(String method, String path, Map<String, List<String>> headers, String body) {

        /** The first value of a header, any case; null when absent. */
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        JsonNode json() {
            try {
                return PlcApi.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return method + " " + path + (body.isEmpty() ? "" : " " + body);
        }
    }

    /** One scripted answer. */
    @FunctionalInterface
    interface Answer {
        void send(HttpExchange exchange, CountDownLatch closing) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stub-api");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Deque<Answer>> script = new HashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Released on close: held streams end then. */
    private final CountDownLatch closing = new CountDownLatch(1);

    StubApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a held stream blocks its handler: each exchange on a thread of its own
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} (path with its query, as sent) with these, in order; the last repeats. */
    synchronized StubApi on(String method, String path, Answer... answers) {
        script.computeIfAbsent(method + " " + path, key -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Each request's method and path, in order. */
    List<String> paths() {
        return requests.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** The one request sent to {@code method path}; fails when there were none or several. */
    Request only(String method, String path) {
        List<Request> matching = requests(method, path);
        assertEquals(1, matching.size(), "requests to " + method + " " + path + " among " + requests);
        return matching.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            String path = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            requests.add(new Request(exchange.getRequestMethod(), path, headers, body));
            Answer answer = next(exchange.getRequestMethod() + " " + path);
            answer.send(exchange, closing);
        } finally {
            exchange.close();
        }
    }

    private synchronized Answer next(String key) {
        Deque<Answer> answers = script.get(key);
        if (answers == null || answers.isEmpty()) {
            return error(500, 13, "stub: nothing scripted for " + key);
        }
        return answers.size() > 1 ? answers.poll() : answers.peek();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    /** 200 with this object as JSON (a record of plc-contract, a map, or a JSON text). */
    static Answer ok(Object body) {
        return json(200, body);
    }

    static Answer json(int status, Object body) {
        return (exchange, closing) -> {
            byte[] bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                    : PlcApi.JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** The API's error body: a google.rpc code and a message. */
    static Answer error(int status, int code, String message) {
        return json(status, Map.of("code", code, "message", message));
    }

    /** A body that is not the API's error format (a proxy's page). */
    static Answer text(int status, String body) {
        return (exchange, closing) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** A status stream that sends these frames (see {@link Sse}) and ends, as a server's restart ends it. */
    static Answer stream(String... frames) {
        return (exchange, closing) -> writeFrames(exchange, frames);
    }

    /** A status stream that sends these frames, then stays open and silent until the stub closes. */
    static Answer streamThenHold(String... frames) {
        return (exchange, closing) -> {
            writeFrames(exchange, frames);
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static void writeFrames(HttpExchange exchange, String... frames) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        for (String frame : frames) {
            body.write(frame.getBytes(StandardCharsets.UTF_8));
            body.flush();
        }
    }

    /** Paths as the API names them. */
    static String connections(String clusterId) {
        return "/v1beta1/clusters/" + clusterId + "/privateLinkConnections";
    }

    static String connection(String clusterId, String connectionId) {
        return connections(clusterId) + "/" + connectionId;
    }
}
