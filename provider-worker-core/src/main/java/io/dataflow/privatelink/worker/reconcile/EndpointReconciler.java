package io.dataflow.privatelink.worker.reconcile;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionStateMachine;
import io.dataflow.privatelink.contract.FailureReason;
import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.CloudLocation;
import io.dataflow.privatelink.worker.cloud.EndpointCloud;
import io.dataflow.privatelink.worker.cloud.EndpointServiceView;
import io.dataflow.privatelink.worker.cloud.EndpointSpec;
import io.dataflow.privatelink.worker.cloud.EndpointView;
import io.dataflow.privatelink.worker.ownership.OrphanSweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reconcile logic both workers share, written against {@link EndpointCloud} only.
 * <ul>
 *   <li>{@link #provision}: look the endpoint up by its tag first (a crash after the create call must
 *       not make a second one), then check the service before creating anything.</li>
 *   <li>{@link #deprovision}: delete the endpoint; one that never existed or is gone counts as done.</li>
 *   <li>{@link #observe}: compare one region's managed rows with one batched observation of the cloud.</li>
 *   <li>{@link #sweepOrphans}: delete this deployment's endpoints that no connection owns, as
 *       {@link OrphanSweep} allows.</li>
 * </ul>
 */
public class EndpointReconciler {

    /**
     * How long a service checked for a create that had to wait (for its rate budget, a throttle) stays good
     * for the retry. The checks are about the service's settings, which change rarely; a create that waits
     * for minutes checks again.
     */
    static final Duration CHECKED_SERVICE_REUSE = Duration.ofMinutes(2);

    private final EndpointCloud cloud;
    private final Duration acceptanceTimeout;
    private final Clock clock;
    private final OrphanSweep orphanSweep;
    /** Connection id → the service as checked before its create was deferred. */
    private final Map<String, CheckedService> deferredCreates = new ConcurrentHashMap<>();

    private record CheckedService(EndpointServiceView service, Instant checkedAt) {
    }

    public EndpointReconciler(EndpointCloud cloud, Duration acceptanceTimeout, OrphanSweep orphanSweep) {
        this(cloud, acceptanceTimeout, orphanSweep, Clock.systemUTC());
    }

    EndpointReconciler(EndpointCloud cloud, Duration acceptanceTimeout, OrphanSweep orphanSweep, Clock clock) {
        this.cloud = cloud;
        this.acceptanceTimeout = acceptanceTimeout;
        this.orphanSweep = orphanSweep;
        this.clock = clock;
    }

    /** For a connection without an endpoint yet. */
    public Outcome provision(ManagedEndpoint m) {
        EndpointSpec spec = m.spec();
        try {
            Optional<EndpointView> existing = cloud.findEndpoint(spec);
            if (existing.isPresent()) {
                return adopt(m, existing.get());
            }
            CheckedService checked = deferredCreates.remove(m.connectionId());
            Optional<EndpointServiceView> service = checked != null
                    && checked.checkedAt().plus(CHECKED_SERVICE_REUSE).isAfter(clock.instant())
                    ? Optional.of(checked.service()) : cloud.observeService(spec);
            if (service.isEmpty()) {
                return Outcome.failed(m, FailureReason.SERVICE_NOT_VISIBLE, "The endpoint service " + spec.serviceName()
                        + " is not visible to the "
                        + "platform account " + spec.placement().accountId() + " in region " + spec.serviceRegion()
                        + ". " + cloud.allowListInstruction(spec.placement().accountId(), spec.serviceName()));
            }
            Optional<Preflight.Refusal> refusal = Preflight.refusal(spec, service.get());
            if (refusal.isPresent()) {
                return Outcome.failed(m, refusal.get().reason(), refusal.get().message());
            }
            List<String> zones = Preflight.sharedZones(spec, service.get());
            boolean acceptanceRequired = service.get().acceptanceRequired();
            EndpointView created;
            try {
                created = cloud.createEndpoint(spec, zones);
            } catch (CloudException e) {
                if (e.retryable()) {
                    // The retry (next pass) looks the endpoint up by its tag again, but need not
                    // describe the service again: that was most of a waiting create's describe calls.
                    deferredCreates.put(m.connectionId(), new CheckedService(service.get(),
                            checked != null ? checked.checkedAt() : clock.instant()));
                }
                throw e;
            }
            return adopt(m.withAcceptanceRequired(acceptanceRequired), created).withAcceptanceRequired(acceptanceRequired);
        } catch (CloudException e) {
            if (e.retryable()) {
                return Outcome.retryLater(m, e);
            }
            return Outcome.failed(m, FailureReason.CREATE_REFUSED, "The cloud refused to create the endpoint ("
                    + e.errorCode() + "): "
                    + e.getMessage());
        }
    }

    /** For a connection the user asked to delete, before its endpoint's deletion was started. */
    public Outcome deprovision(ManagedEndpoint m) {
        deferredCreates.remove(m.connectionId()); // a create deferred, then deleted, is never retried
        try {
            String endpointId = m.endpointId();
            if (endpointId == null) {
                // The create may have reached the cloud just before a crash: the tag tells.
                endpointId = cloud.findEndpoint(m.spec()).map(EndpointView::endpointId).orElse(null);
            }
            if (endpointId == null) {
                return Outcome.removed(m);
            }
            cloud.deleteEndpoint(m.location(), endpointId);
            return Outcome.transition(m, ConnectionState.DELETING, null, endpointId, m.zoneIds());
        } catch (CloudException e) {
            // Removal must finish eventually: this one backs off on its own; a cloud-wide failure stops the pass.
            return Outcome.retryLater(m, e);
        }
    }

    /**
     * Compares the rows of one region with what one batched observation saw there. Rows without an
     * endpoint id are left to {@link #provision}.
     */
    public List<Outcome> observe(List<ManagedEndpoint> rows, List<EndpointView> observed, Instant now) {
        Map<String, EndpointView> byConnection = new HashMap<>();
        for (EndpointView view : observed) {
            if (view.connectionId() != null) {
                byConnection.put(view.connectionId(), view);
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (ManagedEndpoint m : rows) {
            if (m.endpointId() == null) {
                continue;
            }
            outcomes.add(observeOne(m, byConnection.get(m.connectionId()), now));
        }
        return outcomes;
    }

    /**
     * Deletes this deployment's endpoints that belong to no connection it knows (left by a connection whose
     * row is gone, or made by hand with its tags) once the sweep's grace allows. Returns every verdict.
     */
    public List<OrphanSweep.Decision> sweepOrphans(CloudLocation location, List<EndpointView> observed,
                                                   Set<String> knownConnectionIds, Instant now) {
        List<OrphanSweep.Decision> decisions = new ArrayList<>();
        for (OrphanSweep.Decision decision : orphanSweep.decide(location, observed, knownConnectionIds, now)) {
            if (decision.verdict() == OrphanSweep.Verdict.DELETE) {
                try {
                    cloud.deleteEndpoint(location, decision.endpointId());
                } catch (CloudException e) {
                    decision = decision.failed(e.getMessage()); // the next pass finds it again
                }
            }
            decisions.add(decision);
        }
        return decisions;
    }

    private Outcome observeOne(ManagedEndpoint m, EndpointView view, Instant now) {
        boolean gone = view == null || view.state() == null;
        if (m.state() == ConnectionState.DELETING) {
            return gone ? Outcome.removed(m) : Outcome.none(m);
        }
        if (gone) {
            if (m.state() == ConnectionState.FAILED) {
                return Outcome.none(m);
            }
            return Outcome.failed(m, FailureReason.ENDPOINT_REMOVED_OUTSIDE, "The endpoint " + m.endpointId()
                    + " no longer exists: it was deleted outside"
                    + " this system. Delete this connection and create it again.");
        }
        if (acceptanceOverdue(m, view, now)) {
            return expire(m);
        }
        return adopt(m, view);
    }

    private static boolean acceptanceOverdue(ManagedEndpoint m, EndpointView view, Instant now) {
        return view.state() == ConnectionState.PENDING_ACCEPTANCE && m.state() != ConnectionState.FAILED
                && !Boolean.FALSE.equals(m.acceptanceRequired())
                && m.acceptDeadline() != null && now.isAfter(m.acceptDeadline());
    }

    /** Not accepted in time: the endpoint goes (it would wait for ever), and the connection fails saying why. */
    private Outcome expire(ManagedEndpoint m) {
        try {
            cloud.deleteEndpoint(m.location(), m.endpointId());
        } catch (CloudException e) {
            return Outcome.retryLater(m, e);
        }
        return Outcome.failed(m, FailureReason.ACCEPTANCE_EXPIRED,
                "The endpoint service owner did not accept the connection within "
                + Durations.words(acceptanceTimeout) + " (deadline " + m.acceptDeadline() + "), so its endpoint "
                + m.endpointId() + " was removed. Ask the owner of " + m.request().endpointServiceName()
                + " to accept connections from this account, then create the connection again.");
    }

    /** Moves the row to what the cloud shows, when that is a legal step (or only details changed). */
    private static Outcome adopt(ManagedEndpoint m, EndpointView view) {
        ConnectionState next = view.state();
        if (next == ConnectionState.PENDING_ACCEPTANCE && Boolean.FALSE.equals(m.acceptanceRequired())) {
            // The service accepts by itself: the endpoint is still being provisioned, not waiting for anyone.
            next = ConnectionState.CREATING;
        }
        String message = next == ConnectionState.FAILED ? failureMessage(view) : null;
        // A batched observation may not know the zones; the ones recorded at create then stand.
        List<String> zones = view.zoneIds() != null ? view.zoneIds() : m.zoneIds();
        boolean sameDetails = Objects.equals(view.endpointId(), m.endpointId())
                && Objects.equals(zones, m.zoneIds()) && Objects.equals(message, m.message());
        FailureReason reason = next == ConnectionState.FAILED
                ? Objects.requireNonNullElse(view.failureReason(), FailureReason.ENDPOINT_FAILED) : null;
        if (next == m.state()) {
            return sameDetails ? Outcome.none(m)
                    : Outcome.transition(m, next, message, view.endpointId(), zones).withFailureReason(reason);
        }
        if (!ConnectionStateMachine.canTransition(m.state(), next)) {
            return Outcome.none(m);
        }
        return Outcome.transition(m, next, message, view.endpointId(), zones).withFailureReason(reason);
    }

    private static String failureMessage(EndpointView view) {
        String base = "The endpoint " + view.endpointId() + " is " + view.cloudStatus() + " in the cloud";
        return view.reason() == null || view.reason().isBlank() ? base + "." : base + ": " + view.reason();
    }
}
