package io.dataflow.privatelink.simulator.common;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The TCP listeners that make interface endpoints reachable for real: one per (endpoint zone address, port),
 * opened on demand and once. Each connection a listener accepts is forwarded byte for byte, both ways, to the
 * backend its {@link Routes} name at that moment, or closed at once when they name none (the endpoint is not
 * usable, or the port has no backend any more), as an endpoint that does not forward behaves. Plain blocking
 * sockets on daemon threads: one per listener, two per forwarded connection. {@link #close} closes every
 * listener and every forwarded connection. Thread-safe.
 */
public final class TcpForwarders implements AutoCloseable {

    /** Where a connection to an endpoint's port goes now. */
    @FunctionalInterface
    public interface Routes {
        /** The backend a new connection to {@code port} of the endpoint is forwarded to; empty: close it. */
        Optional<ServiceBackend> backendFor(String endpointId, int port);
    }

    private static final System.Logger LOG = System.getLogger(TcpForwarders.class.getName());
    private static final int BACKLOG = 50;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final Routes routes;
    private final ExecutorService threads;
    // By "address:port"; guarded by this, like the sockets and closed.
    private final Map<String, ServerSocket> listeners = new HashMap<>();
    private final Set<Socket> sockets = new HashSet<>();
    private boolean closed;

    /** {@code name} names the threads. */
    public TcpForwarders(String name, Routes routes) {
        this.routes = routes;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-forwarder-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Listens on {@code address:port} for the endpoint, unless something here already does. A bind failure (the
     * port is taken on that address) is logged and leaves that port unforwarded; it is tried again next time.
     */
    public synchronized void listen(String endpointId, String address, int port) {
        String key = address + ":" + port;
        if (closed || listeners.containsKey(key)) {
            return;
        }
        ServerSocket listener = null;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(address), port), BACKLOG);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Endpoint " + endpointId + " is not forwarded on " + key + ": cannot listen there ("
                    + e + ")");
            closeQuietly(listener);
            return;
        }
        listeners.put(key, listener);
        ServerSocket bound = listener;
        threads.execute(() -> acceptLoop(endpointId, port, key, bound));
    }

    private void acceptLoop(String endpointId, int port, String key, ServerSocket listener) {
        while (true) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    // Not closed by us (out of file descriptors, say): give the port up; a later resolve opens it
                    // again.
                    LOG.log(Level.WARNING, "Stopped forwarding " + key + " for endpoint " + endpointId + ": " + e);
                    forget(key, listener);
                }
                return;
            }
            if (!track(client)) {
                return;
            }
            try {
                threads.execute(() -> forward(endpointId, port, client));
            } catch (RejectedExecutionException e) {
                untrackAndClose(client);  // closing down
                return;
            }
        }
    }

    private void forward(String endpointId, int port, Socket client) {
        Optional<ServiceBackend> backend;
        try {
            backend = routes.backendFor(endpointId, port);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "No route for endpoint " + endpointId + " port " + port, e);
            backend = Optional.empty();
        }
        if (backend.isEmpty()) {
            untrackAndClose(client);
            return;
        }
        Socket upstream = new Socket();
        if (!track(upstream)) {
            untrackAndClose(client);
            return;
        }
        try {
            upstream.connect(backend.get().socketAddress(), CONNECT_TIMEOUT_MILLIS);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "Endpoint " + endpointId + " port " + port + ": backend " + backend.get()
                    + " unreachable (" + e + "); connection closed");
            untrackAndClose(client);
            untrackAndClose(upstream);
            return;
        }
        ForwardedConnection connection = new ForwardedConnection(client, upstream);
        try {
            threads.execute(() -> connection.pump(client, upstream));
        } catch (RejectedExecutionException e) {
            connection.close();
            return;
        }
        connection.pump(upstream, client);
    }

    /** One client connection and its backend connection, pumped by two threads. */
    private final class ForwardedConnection {
        private final Socket client;
        private final Socket upstream;
        private final AtomicInteger directionsEnded = new AtomicInteger();

        ForwardedConnection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        /**
         * Copies {@code from} to {@code to} until {@code from} ends. Its end is passed on as a half-close, so a
         * client that shuts its output down after a request still gets the answer; once both directions ended,
         * or as soon as either fails (a reset, a socket closed under it), both sockets are closed.
         */
        void pump(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
                to.shutdownOutput();
                if (directionsEnded.incrementAndGet() == 2) {
                    close();
                }
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            untrackAndClose(client);
            untrackAndClose(upstream);
        }
    }

    /** Keeps a socket to close with the rest; false (and closes it) when closing down already. */
    private synchronized boolean track(Socket socket) {
        if (closed) {
            closeQuietly(socket);
            return false;
        }
        sockets.add(socket);
        return true;
    }

    private void untrackAndClose(Socket socket) {
        synchronized (this) {
            sockets.remove(socket);
        }
        closeQuietly(socket);
    }

    private synchronized void forget(String key, ServerSocket listener) {
        listeners.remove(key, listener);
        closeQuietly(listener);
    }

    /**
     * Closes every listener and every forwarded connection, and waits for their threads: once it returns nothing
     * listens any more, and a restarted simulator can bind the same addresses.
     */
    @Override
    public void close() {
        List<Closeable> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(listeners.values());
            all.addAll(sockets);
            listeners.clear();
            sockets.clear();
        }
        all.forEach(TcpForwarders::closeQuietly);
        threads.shutdownNow();
        try {
            // A socket closed while a thread is blocked in accept() keeps listening until that thread has left the
            // call: a client connecting in between would still get in.
            if (!threads.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "Forwarder threads still running " + CLOSE_WAIT_SECONDS + " s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing is all that was left to do with it.
        }
    }
}
