package io.dataflow.privatelink.simulator.common;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HttpServer every simulator runs on: bound at construction, handlers added, then started. Its
 * executor is a cached pool of daemon threads, so injected latency parks one thread per call without
 * stalling other clients.
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

    private SimulatorHttpServer(HttpServer server, String bindAddress, String threadPrefix) {
        this.server = server;
        this.bindAddress = bindAddress;
        this.executor = Executors.newCachedThreadPool(daemonThreads(threadPrefix));
        server.setExecutor(executor);
    }

    /** Binds {@code port} (0 picks a free one) of {@code bindAddress}; nothing is served before {@link #start()}. */
    public static SimulatorHttpServer bind(String bindAddress, int port, String threadPrefix, String what) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 128);
            return new SimulatorHttpServer(server, bindAddress, threadPrefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + what + " on port " + port, e);
        }
    }

    public SimulatorHttpServer context(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            exchange.setAttribute(BEFORE_RESPONSE, beforeEachResponse);
            handler.handle(exchange);
        });
        return this;
    }

    /** The exchange attribute {@link HttpExchanges#send} runs before it answers. */
    static final String BEFORE_RESPONSE = "simulator.before-response";

    /** Runs {@code action} before every response is sent (the state is saved before it is acknowledged). */
    public void beforeEachResponse(Runnable action) {
        this.beforeEachResponse = action;
    }

    public SimulatorHttpServer start() {
        server.start();
        return this;
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
