package io.dataflow.privatelink.simulator.ec2;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful AWS EC2 simulator for the PrivateLink actions, speaking the real EC2 Query protocol so that
 * the AWS SDK's {@code Ec2Client} (with {@code endpointOverride}) and the AWS CLI (with
 * {@code --endpoint-url}) work against it. It runs on the JDK's HttpServer alone and starts in
 * milliseconds. Thread-safe.
 *
 * <p>Accounts are known by access key ({@link #addAccount}); the caller's region is taken from the SigV4
 * credential scope. Control endpoints for the local stack live under {@code /_simulator/} (JSON).
 */
public final class Ec2Simulator implements AutoCloseable {

    /** A service created through {@link #createEndpointService}. */
    public record ServiceRef(String serviceId, String serviceName) {
    }

    private final Ec2SimulatorConfig config;
    private final Ec2Store store;
    private final CallStats stats = new CallStats();
    private final FaultInjector faults = new FaultInjector();
    private final RateLimiter rateLimiter;
    private final HttpServer server;
    private final ExecutorService executor;

    private Ec2Simulator(HttpServer server, Ec2SimulatorConfig config) {
        this.config = config;
        this.server = server;
        this.store = new Ec2Store(config);
        this.rateLimiter = new RateLimiter(config);
        // Cached pool: injected latency parks a thread per call and must not stall other clients.
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", new Ec2HttpHandler(store, new Ec2Actions(store), stats, faults, rateLimiter,
                config.defaultRegion()));
        server.createContext(ControlHandler.PREFIX, new ControlHandler(this));
    }

    /** Starts on {@code port} (0 picks a free one) of {@link Ec2SimulatorConfig#bindAddress()}. */
    public static Ec2Simulator start(int port, Ec2SimulatorConfig config) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(config.bindAddress(), port), 128);
            Ec2Simulator simulator = new Ec2Simulator(server, config);
            server.start();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the EC2 simulator on port " + port, e);
        }
    }

    public static Ec2Simulator start(int port) {
        return start(port, Ec2SimulatorConfig.defaults());
    }

    /** The URL to give the SDK's {@code endpointOverride} or the CLI's {@code --endpoint-url}. */
    public URI endpoint() {
        return URI.create("http://" + hostForUri() + ":" + port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Ec2SimulatorConfig config() {
        return config;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- accounts and network (the parts of EC2 that are not simulated as API) ----

    /** Requests signed with {@code accessKeyId} act as {@code accountId}. */
    public Ec2Simulator addAccount(String accountId, String accessKeyId) {
        store.addAccount(accountId, accessKeyId);
        return this;
    }

    /** Makes a subnet (and its VPC) exist; the region is the zone name's ({@code us-east-1a} → us-east-1). */
    public Ec2Simulator registerSubnet(String accountId, String vpcId, String subnetId, String azId, String azName) {
        store.registerSubnet(new Subnet(accountId, vpcId, subnetId, new AvailabilityZone(azId, azName)));
        return this;
    }

    /**
     * Defines where a network load balancer runs, which decides the zones of services built on it. ARNs
     * never registered are accepted too and span the region's default zones.
     */
    public Ec2Simulator registerLoadBalancer(String accountId, String arn, List<AvailabilityZone> zones) {
        store.registerLoadBalancer(accountId, arn, zones);
        return this;
    }

    /** Shortcut for tests: an endpoint service without going through CreateVpcEndpointServiceConfiguration. */
    public ServiceRef createEndpointService(String ownerAccountId, String region, boolean acceptanceRequired,
                                            List<AvailabilityZone> zones) {
        EndpointService s = store.createServiceDirect(ownerAccountId, region, acceptanceRequired, zones);
        return new ServiceRef(s.serviceId(), s.serviceName());
    }

    /** Shortcut for tests: ModifyVpcEndpointServicePermissions AddAllowedPrincipals as the owner. */
    public void allowPrincipal(String serviceId, String principal) {
        store.allowPrincipal(serviceId, principal);
    }

    // ---- endpoint hooks ----

    /** Forces an endpoint's state, e.g. {@code FAILED} or {@code EXPIRED}; PENDING and DELETING still move on. */
    public void setEndpointState(String endpointId, VpcEndpointState state) {
        store.setEndpointState(endpointId, state);
    }

    /** Same, with the wire spelling ({@code "failed"}, {@code "pendingAcceptance"}, …). */
    public void setEndpointState(String endpointId, String state) {
        setEndpointState(endpointId, VpcEndpointState.parse(state));
    }

    /** Removes an endpoint as if someone deleted it outside the platform (drift). */
    public boolean deleteEndpointOutOfBand(String endpointId) {
        return store.deleteEndpointOutOfBand(endpointId);
    }

    /** The endpoint's current state, empty once it is gone. */
    public Optional<VpcEndpointState> endpointState(String endpointId) {
        return store.endpointState(endpointId);
    }

    // ---- operations: call counts, faults, rate limits ----

    /** Requests received for an action, whatever their outcome (errors, throttles and faults included). */
    public long callCount(String action) {
        return stats.calls(action);
    }

    public Map<String, Long> callCounts() {
        return stats.callsSnapshot();
    }

    /** {@code RequestLimitExceeded} errors returned, from injected faults and from rate buckets. */
    public long throttledCount() {
        return stats.throttledTotal();
    }

    public long throttledCount(String action) {
        return stats.throttled(action);
    }

    public Map<String, Long> throttledCounts() {
        return stats.throttledSnapshot();
    }

    /** Resets call and throttle counters. */
    public void resetCallCounts() {
        stats.reset();
    }

    /** Arms a fault for an action, or for every action with {@code "*"}. */
    public void injectFault(String action, FaultSpec fault) {
        faults.inject(action, fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    public List<String> activeFaults() {
        return faults.describe();
    }

    /** Turns EC2's token buckets on or off at runtime; turning them on starts with full buckets. */
    public void setRateLimitsEnabled(boolean enabled) {
        rateLimiter.setEnabled(enabled);
    }

    public boolean rateLimitsEnabled() {
        return rateLimiter.enabled();
    }

    private String hostForUri() {
        String host = config.bindAddress();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ec2-simulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
