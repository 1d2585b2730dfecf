package io.dataflow.privatelink.simulator.common;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HttpServer every simulator runs on: bound at construction, handlers added, then started. Its
 * executor is a cached pool of daemon threads, so injected latency parks one thread per call without
 * stalling other clients. Its static methods read form-style requests and write responses.
 */
public final class SimulatorHttpServer implements AutoCloseable {

    static {
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY, Nagle holds
        // the body until the client's delayed ACK: about 40 ms added to every call. Read once, at the
        // first server of the JVM, so it is set before any server exists.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String bindAddress;
    private volatile Runnable beforeEachResponse = () -> { };

    private SimulatorHttpServer(HttpServer server, String bindAddress, String name) {
        this.server = server;
        this.bindAddress = bindAddress;
        this.executor = Executors.newCachedThreadPool(daemonThreads(name));
        server.setExecutor(executor);
    }

    /**
     * Binds {@code port} (0 picks a free one) of {@code bindAddress}; nothing is served before {@link #start()}.
     * {@code name} names the server's threads.
     */
    static SimulatorHttpServer bind(String bindAddress, int port, String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 128);
            return new SimulatorHttpServer(server, bindAddress, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " on port " + port, e);
        }
    }

    public SimulatorHttpServer context(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            exchange.setAttribute(BEFORE_RESPONSE, beforeEachResponse);
            handler.handle(exchange);
        });
        return this;
    }

    /** The exchange attribute {@link #send} runs before it answers. */
    private static final String BEFORE_RESPONSE = "simulator.before-response";

    /** Runs {@code action} before every response is sent (the state is saved before it is acknowledged). */
    void beforeEachResponse(Runnable action) {
        this.beforeEachResponse = action;
    }

    void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}, with a wildcard bind address replaced by the loopback one. */
    public URI endpoint() {
        return URI.create("http://" + hostForUri() + ":" + port());
    }

    /** {@code host:port}, the form SDKs that take a bare endpoint (Alibaba Cloud's) want. */
    public String hostAndPort() {
        return hostForUri() + ":" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * The decoded parameters of the query string and of a form body, body last (so it wins on a clash).
     * On an I/O failure the exchange is closed: the client went away and there is nobody to answer.
     */
    public static Map<String, String> readParams(HttpExchange exchange) throws IOException {
        Map<String, String> params = queryParams(exchange);
        try {
            parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
        } catch (IOException e) {
            exchange.close();
            throw e;
        }
        return params;
    }

    /** The decoded parameters of the query string only. */
    public static Map<String, String> queryParams(HttpExchange exchange) {
        return parseForm(exchange.getRequestURI().getRawQuery(), new LinkedHashMap<>());
    }

    /** Sends a complete response and closes the exchange. */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body,
                            Map<String, String> headers) throws IOException {
        if (exchange.getAttribute(BEFORE_RESPONSE) instanceof Runnable beforeResponse) {
            beforeResponse.run();
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }

    /** Parses {@code application/x-www-form-urlencoded} text (a body or a query string) into {@code into}. */
    private static Map<String, String> parseForm(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return into;
        }
        for (String pair : form.split("&", -1)) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                into.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return into;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private String hostForUri() {
        if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::")) {
            return "127.0.0.1";
        }
        return bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
