package io.dataflow.privatelink.simulator.common;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * What every simulator facade has besides its cloud's resources: the HTTP server it runs on, its config,
 * its stores kept across restarts, the operational Java API (call counts, injected faults, rate
 * buckets) backed by {@link SimulatorOperations}, and what a name resolves to in a VPC, which makes the
 * interface endpoints it ends at reachable for real ({@link #resolve}, {@link #setServiceBackends}). A
 * subclass registers its protocol and control handlers on the server in its constructor, which only
 * {@link #launch} calls. Thread-safe.
 *
 * @param <C> the simulator's config type
 */
public abstract class CloudSimulator<C extends SimulatorConfig<?>> implements AutoCloseable {

    private final C config;
    private final SimulatorHttpServer server;
    private final SimulatorOperations operations;
    private final TcpForwarders forwarders;
    // Endpoints whose addresses a resolve handed out, by id: their listeners follow their service's backends.
    private final Map<String, ReachableEndpoint> exposed = new ConcurrentHashMap<>();

    protected CloudSimulator(SimulatorHttpServer server, C config) {
        this.config = config;
        this.server = server;
        this.operations = new SimulatorOperations(config.rateLimitsEnabled());
        this.forwarders = new TcpForwarders(getClass().getSimpleName(),
                (endpointId, port) -> privateLink().backendFor(endpointId, port));
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

    /** The store of the cloud's endpoint services and interface endpoints. */
    protected abstract PrivateLinkStore<?, ?, ?> privateLink();

    /** The cloud's private zones associated with (bound to) the VPC, as its resolver sees them. */
    protected abstract List<DnsZone> privateZonesFor(String vpcId);

    /**
     * Keeps this simulator's resources in {@code folder}: what a previous run saved there is restored now, and
     * from here on every change is written before the response that acknowledges it. A restarted simulator is
     * then the same cloud (accounts, services and their backends, endpoints, their addresses and owner decisions,
     * zones and records). Operational settings (faults, rate limits, call counts) are not kept, nor are listeners:
     * an endpoint listens again once a resolve hands out its addresses.
     */
    private void keepStateIn(Path folder) {
        stores().forEach((name, store) -> store.keepIn(folder.resolve(name + ".state")));
        server.beforeEachResponse(() -> stores().values().forEach(SimulatorStore::save));
    }

    /** Stops serving: the HTTP server, every endpoint listener and forwarded connection; the state is saved. */
    @Override
    public void close() {
        server.close();
        forwarders.close();
        stores().values().forEach(SimulatorStore::save);
    }

    /**
     * What {@code hostname} resolves to inside the VPC, through the cloud's private zones associated with it
     * ({@link DnsResolver}). A DNS name of an interface endpoint of that VPC, queried directly or reached through
     * CNAMEs, answers its addresses (the regional name every zone's, a zonal name its zone's: see
     * {@link EndpointAddresses}); from then on the endpoint listens on each of its addresses, on each port its
     * service has a backend for, and forwards there while it is usable ({@link #setServiceBackends}).
     */
    public DnsAnswer resolve(String vpcId, String hostname) {
        PrivateLinkStore<?, ?, ?> endpoints = privateLink();
        DnsAnswer answer = DnsResolver.resolve(privateZonesFor(vpcId), name -> endpoints.endpointNamed(vpcId, name),
                hostname);
        if (DnsAnswer.NOERROR.equals(answer.status()) && !answer.addresses().isEmpty()) {
            endpoints.endpointNamed(vpcId, answer.target()).ifPresent(this::listenFor);
        }
        return answer;
    }

    /**
     * Declares where the service's load balancer forwards, port → real {@code host:port} (e.g.
     * {@code {9092: "127.0.0.1:19092"}}), as its owner would register targets: a connection to that port of an
     * endpoint's address reaches the backend while the endpoint is usable. Replaces what was declared before;
     * an empty map removes it. Kept with the simulator's state. Endpoints already resolved listen on new ports
     * at once.
     *
     * @throws IllegalArgumentException for an unknown service, a port outside 1–65535 or a backend that is not
     *                                  {@code host:port}
     */
    public void setServiceBackends(String serviceId, Map<Integer, String> backends) {
        privateLink().setServiceBackends(serviceId, backends);
        exposed.values().stream().filter(e -> e.serviceId().equals(serviceId)).forEach(this::listenFor);
    }

    /** The service's backends by port ({@link #setServiceBackends}); empty when none are declared. */
    public Map<Integer, String> serviceBackends(String serviceId) {
        return privateLink().serviceBackends(serviceId);
    }

    /** Listens (once) on every address of the endpoint, on every port its service has a backend for. */
    private void listenFor(ReachableEndpoint endpoint) {
        exposed.put(endpoint.endpointId(), endpoint);
        Set<Integer> ports = privateLink().serviceBackends(endpoint.serviceId()).keySet();
        for (String address : endpoint.addresses()) {
            ports.forEach(port -> forwarders.listen(endpoint.endpointId(), address, port));
        }
    }

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
