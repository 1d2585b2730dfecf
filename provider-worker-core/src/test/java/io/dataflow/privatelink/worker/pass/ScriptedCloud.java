package io.dataflow.privatelink.worker.pass;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.timing.TokenBucket;
import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.CloudLocation;
import io.dataflow.privatelink.worker.cloud.EndpointCloud;
import io.dataflow.privatelink.worker.cloud.EndpointServiceView;
import io.dataflow.privatelink.worker.cloud.EndpointSpec;
import io.dataflow.privatelink.worker.cloud.EndpointView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cloud of {@link ReconcilePassTest}: every service is visible in {@link #ZONES} and asks for acceptance,
 * a create makes an endpoint waiting for it, and the test scripts the rest (creates failing, an endpoint's
 * state, a watch held mid-pass) through the static methods below. An alternative only
 * {@link ScriptedCloudProfile} selects, and out of the test-jar: the workers' tests have their real clouds.
 */
@Alternative
@ApplicationScoped
public class ScriptedCloud implements EndpointCloud {

    static final List<String> ZONES = List.of("use1-az1", "use1-az2");

    private static final Map<String, EndpointView> ENDPOINTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CREATES = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_ID = new AtomicInteger();
    private static volatile String createFailure;
    /** Region → its create budget (none: unlimited); a spent one answers as a worker's own budget does. */
    private static final Map<String, TokenBucket> CREATE_BUDGETS = new ConcurrentHashMap<>();
    private static final Set<String> SPENT_REGIONS = ConcurrentHashMap.newKeySet();
    private static final Map<String, Instant> CREATED_AT = new ConcurrentHashMap<>();
    private static final AtomicReference<Hold> NEXT_WATCH_HOLD = new AtomicReference<>();

    /** A watch held inside its cloud call: the test sees it entered, then lets it go on. */
    record Hold(CountDownLatch entered, CountDownLatch released) {

        boolean awaitEntered(Duration atMost) throws InterruptedException {
            return entered.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        }

        void release() {
            released.countDown();
        }
    }

    @Override
    public CloudProvider provider() {
        return CloudProvider.AWS;
    }

    @Override
    public String allowListInstruction(String platformAccountId, String serviceName) {
        return "Allow the platform account " + platformAccountId + ".";
    }

    @Override
    public Optional<EndpointServiceView> observeService(EndpointSpec spec) {
        return Optional.of(new EndpointServiceView(spec.serviceName(), spec.serviceRegion(), ZONES, true));
    }

    @Override
    public Optional<EndpointView> findEndpoint(EndpointSpec spec) {
        return Optional.ofNullable(ENDPOINTS.get(spec.connectionId()));
    }

    @Override
    public EndpointView createEndpoint(EndpointSpec spec, List<String> zoneIds) {
        CREATES.computeIfAbsent(spec.connectionId(), id -> new AtomicInteger()).incrementAndGet();
        String failure = createFailure;
        if (failure != null) {
            throw new CloudException(failure, "the scripted cloud failed this create", true, null);
        }
        String region = spec.placement().region();
        TokenBucket budget = CREATE_BUDGETS.get(region);
        if (SPENT_REGIONS.contains(region) || (budget != null && !budget.tryAcquire())) {
            throw new CloudException("ClientBudget", "the scripted create budget of " + region + " is spent", true,
                    null);
        }
        CREATED_AT.put(spec.connectionId(), Instant.now());
        EndpointView created = new EndpointView("vpce-scripted-" + NEXT_ID.incrementAndGet(), spec.connectionId(),
                ConnectionState.PENDING_ACCEPTANCE, "pendingAcceptance", null, zoneIds);
        ENDPOINTS.put(spec.connectionId(), created);
        return created;
    }

    @Override
    public List<EndpointView> observeManagedEndpoints(CloudLocation location) {
        Hold hold = NEXT_WATCH_HOLD.getAndSet(null);
        if (hold != null) {
            hold.entered().countDown();
            try {
                if (!hold.released().await(30, TimeUnit.SECONDS)) {
                    throw new CloudException("Unavailable", "the test never released the held watch", true, null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CloudException("Unavailable", "interrupted while held", true, e);
            }
        }
        return List.copyOf(ENDPOINTS.values());
    }

    @Override
    public void deleteEndpoint(CloudLocation location, String endpointId) {
        ENDPOINTS.values().removeIf(view -> view.endpointId().equals(endpointId));
    }

    @Override
    public Optional<Duration> createPace(CloudLocation location) {
        TokenBucket budget = CREATE_BUDGETS.get(location.region());
        return budget == null ? Optional.empty() : budget.perToken();
    }

    // ---- the script ----

    /** Creates in {@code region} take a token of a bucket of one, refilled at {@code perSecond}; null: unlimited. */
    static void budgetCreates(String region, Double perSecond) {
        if (perSecond == null) {
            CREATE_BUDGETS.remove(region);
        } else {
            CREATE_BUDGETS.put(region, new TokenBucket(1, perSecond));
        }
    }

    /** Every create in {@code region} meets a spent budget (true) or none (false). */
    static void spendRegion(String region, boolean spent) {
        if (spent) {
            SPENT_REGIONS.add(region);
        } else {
            SPENT_REGIONS.remove(region);
        }
    }

    /** When the connection's endpoint was made, if it was. */
    static Optional<Instant> createdAt(String connectionId) {
        return Optional.ofNullable(CREATED_AT.get(connectionId));
    }

    /** Every create fails, retryably, with the cloud's {@code errorCode} from now on; null: they succeed again. */
    static void failCreates(String errorCode) {
        createFailure = errorCode;
    }

    static int createAttempts(String connectionId) {
        AtomicInteger attempts = CREATES.get(connectionId);
        return attempts == null ? 0 : attempts.get();
    }

    /** The cloud now shows the connection's endpoint in {@code state} (e.g. the owner accepted it). */
    static void show(String connectionId, ConnectionState state, String cloudStatus) {
        ENDPOINTS.computeIfPresent(connectionId, (id, view) -> new EndpointView(view.endpointId(), id, state,
                cloudStatus, null, view.zoneIds()));
    }

    /** The next watch stops inside its cloud call until the test releases it. */
    static Hold holdNextWatch() {
        Hold hold = new Hold(new CountDownLatch(1), new CountDownLatch(1));
        NEXT_WATCH_HOLD.set(hold);
        return hold;
    }
}
