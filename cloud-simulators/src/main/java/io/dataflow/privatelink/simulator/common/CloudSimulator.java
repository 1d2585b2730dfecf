package io.dataflow.privatelink.simulator.common;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every simulator facade has besides its cloud's resources: the HTTP server it runs on, its config,
 * and the operational Java API (call counts, injected faults, rate buckets) backed by
 * {@link SimulatorOperations}. A subclass registers its protocol and control handlers on the server in its
 * constructor; {@link #launch(SimulatorHttpServer, Function, Optional)} then starts serving. Thread-safe.
 *
 * @param <C> the simulator's config type
 */
public abstract class CloudSimulator<C> implements AutoCloseable {

    private final C config;
    private final SimulatorHttpServer server;
    private final SimulatorOperations operations;
    private final List<Runnable> saves = new ArrayList<>();

    /** One store of a simulator: its state as bytes (taken under its lock) and how to put it back. */
    public record StatePart(String name, Supplier<byte[]> snapshot, Consumer<Object[]> restore) {
    }

    protected CloudSimulator(SimulatorHttpServer server, C config, boolean rateLimitsEnabled) {
        this.config = config;
        this.server = server;
        this.operations = new SimulatorOperations(rateLimitsEnabled);
    }

    /**
     * Builds a simulator on a bound server (its constructor adds the handlers), restores what it keeps in
     * {@code stateFolder} (if any), then starts serving. Restored first: a client that reached the port in
     * between would see an empty cloud and could, say, create a second zone with a caller reference the
     * restored state already holds (found by the chaos harness after a cloud cut-off).
     */
    protected static <S extends CloudSimulator<?>> S launch(SimulatorHttpServer server,
                                                            Function<SimulatorHttpServer, S> create,
                                                            Optional<Path> stateFolder) {
        S simulator;
        try {
            simulator = create.apply(server);
            CloudSimulator<?> restored = simulator;
            stateFolder.ifPresent(restored::keepStateIn);
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

    /** The stores whose state {@link #keepStateIn} saves, each under its own file name. */
    protected abstract List<StatePart> stateParts();

    /**
     * Keeps this simulator's resources in {@code folder}: what a previous run saved there is restored now, and
     * from here on every change is written before the response that acknowledges it. A restarted simulator is
     * then the same cloud (accounts, services, endpoints and owner decisions, zones and records). Operational
     * settings (faults, rate limits, call counts) are not kept. Only {@link #launch} calls it, before serving.
     */
    private void keepStateIn(Path folder) {
        for (StatePart part : stateParts()) {
            StateFile file = new StateFile(folder.resolve(part.name() + ".state"));
            file.load().ifPresent(parts -> {
                try {
                    part.restore().accept(parts);
                } catch (ClassCastException | ArrayIndexOutOfBoundsException e) {
                    throw new IllegalStateException("The simulator state in " + file.path() + " is not what this "
                            + "version of the simulators writes (" + e.getMessage() + "); delete the file, or start "
                            + "the stack with --reset.", e);
                }
            });
            file.save(part.snapshot());
            saves.add(() -> file.save(part.snapshot()));
        }
        server.beforeEachResponse(() -> saves.forEach(Runnable::run));
    }

    @Override
    public void close() {
        server.close();
        saves.forEach(Runnable::run);
    }

    /** What {@code hostname} resolves to inside the VPC, through the cloud's private zones bound to it. */
    public abstract DnsAnswer resolve(String vpcId, String hostname);

    /** Removes an endpoint as if someone deleted it outside the platform (drift); false when there was none. */
    public abstract boolean deleteEndpointOutOfBand(String endpointId);

    // ---- operations: call counts, faults, rate limits ----

    /** Requests received for an action, whatever their outcome (errors, throttles and faults included). */
    public long callCount(String action) {
        return operations.callCount(action);
    }

    public Map<String, Long> callCounts() {
        return operations.callCounts();
    }

    /**
     * Throttling errors returned (EC2's {@code RequestLimitExceeded}, Alibaba Cloud's {@code Throttling.User}),
     * from injected faults and from rate buckets.
     */
    public long throttledCount() {
        return operations.throttledCount();
    }

    public long throttledCount(String action) {
        return operations.throttledCount(action);
    }

    public Map<String, Long> throttledCounts() {
        return operations.throttledCounts();
    }

    /** Resets call and throttle counters. */
    public void resetCallCounts() {
        operations.resetCallCounts();
    }

    /**
     * Arms a fault for an action, or for every action with {@code "*"}; each simulator answers it with its
     * cloud's own error (see {@link FaultSpec}). Takes the shared {@link FaultSpec} or a simulator's subclass
     * of it, such as {@code ec2.FaultSpec}.
     */
    public void injectFault(String action, FaultSpec fault) {
        operations.injectFault(action, fault);
    }

    public void clearFaults() {
        operations.clearFaults();
    }

    public List<String> activeFaults() {
        return operations.activeFaults();
    }

    /** Turns the API rate buckets on or off at runtime; turning them on starts with full buckets. */
    public void setRateLimitsEnabled(boolean enabled) {
        operations.setRateLimitsEnabled(enabled);
    }

    public boolean rateLimitsEnabled() {
        return operations.rateLimitsEnabled();
    }
}
