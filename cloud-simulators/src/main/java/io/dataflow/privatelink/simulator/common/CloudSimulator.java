package io.dataflow.privatelink.simulator.common;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * What every simulator facade has besides its cloud's resources: the HTTP server it runs on, its config,
 * its stores kept across restarts, and the operational Java API (call counts, injected faults, rate
 * buckets) backed by {@link SimulatorOperations}. A subclass registers its protocol and control handlers on
 * the server in its constructor, which only {@link #launch} calls. Thread-safe.
 *
 * @param <C> the simulator's config type
 */
public abstract class CloudSimulator<C extends SimulatorConfig<?>> implements AutoCloseable {

    private final C config;
    private final SimulatorHttpServer server;
    private final SimulatorOperations operations;

    protected CloudSimulator(SimulatorHttpServer server, C config) {
        this.config = config;
        this.server = server;
        this.operations = new SimulatorOperations(config.rateLimitsEnabled());
    }

    /**
     * Binds {@code port} (0 picks a free one) of the config's bind address, builds the simulator on it,
     * restores what it keeps in the config's state folder (if any), then starts serving. Restored first: a
     * client that reached the port in between would see an empty cloud and could, say, create a second zone
     * with a caller reference the restored state already holds (found by the chaos harness after a cloud
     * cut-off).
     */
    protected static <C extends SimulatorConfig<?>, S extends CloudSimulator<C>> S launch(
            String name, int port, C config, BiFunction<SimulatorHttpServer, C, S> create) {
        SimulatorHttpServer server = SimulatorHttpServer.bind(config.bindAddress(), port, name);
        S simulator;
        try {
            simulator = create.apply(server, config);
            CloudSimulator<?> restored = simulator;
            config.stateFolder().ifPresent(restored::keepStateIn);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        server.start();
        return simulator;
    }

    protected SimulatorOperations operations() {
        return operations;
    }

    /** {@code http://127.0.0.1:<port>}: the URL SDKs and CLIs are pointed at, and where the control endpoints are. */
    public URI endpoint() {
        return server.endpoint();
    }

    /** {@code 127.0.0.1:<port>}: the bare endpoint, for SDKs that add the scheme themselves (Alibaba Cloud's). */
    public String hostAndPort() {
        return server.hostAndPort();
    }

    public int port() {
        return server.port();
    }

    public C config() {
        return config;
    }

    /** The stores whose state {@link #keepStateIn} keeps, each under its own file name. */
    protected abstract Map<String, SimulatorStore<?>> stores();

    /**
     * Keeps this simulator's resources in {@code folder}: what a previous run saved there is restored now, and
     * from here on every change is written before the response that acknowledges it. A restarted simulator is
     * then the same cloud (accounts, services, endpoints and owner decisions, zones and records). Operational
     * settings (faults, rate limits, call counts) are not kept.
     */
    private void keepStateIn(Path folder) {
        stores().forEach((name, store) -> store.keepIn(folder.resolve(name + ".state")));
        server.beforeEachResponse(() -> stores().values().forEach(SimulatorStore::save));
    }

    @Override
    public void close() {
        server.close();
        stores().values().forEach(SimulatorStore::save);
    }

    /** What {@code hostname} resolves to inside the VPC, through the cloud's private zones bound to it. */
    public abstract DnsAnswer resolve(String vpcId, String hostname);

    /** Removes an endpoint as if someone deleted it outside the platform (drift); false when there was none. */
    public abstract boolean deleteEndpointOutOfBand(String endpointId);

    // ---- operations: call counts, faults, rate limits ----

    /** Requests received for an action, whatever their outcome (errors, throttles and faults included). */
    public long callCount(String action) {
        return SimulatorOperations.count(operations.calls, action);
    }

    public Map<String, Long> callCounts() {
        return SimulatorOperations.snapshot(operations.calls);
    }

    /**
     * Throttling errors returned (EC2's {@code RequestLimitExceeded}, Alibaba Cloud's {@code Throttling.User}),
     * from injected faults and from rate buckets.
     */
    public long throttledCount() {
        return operations.throttled.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long throttledCount(String action) {
        return SimulatorOperations.count(operations.throttled, action);
    }

    public Map<String, Long> throttledCounts() {
        return SimulatorOperations.snapshot(operations.throttled);
    }

    /** Resets call and throttle counters. */
    public void resetCallCounts() {
        operations.calls.clear();
        operations.throttled.clear();
    }

    /** Arms a fault for an action, or for every action with {@code "*"}; each simulator answers it with its cloud's own error. */
    public void injectFault(String action, FaultSpec fault) {
        operations.arm(action, fault);
    }

    public void clearFaults() {
        operations.clearFaults();
    }

    public List<String> activeFaults() {
        return operations.describeFaults();
    }

    /** Turns the API rate buckets on or off at runtime; turning them on starts with full buckets. */
    public void setRateLimitsEnabled(boolean enabled) {
        operations.rateLimiter.setEnabled(enabled);
    }

    public boolean rateLimitsEnabled() {
        return operations.rateLimiter.enabled();
    }
}
