package io.dataflow.privatelink.worker.service;

import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.EndpointCloud;
import io.dataflow.privatelink.worker.cloud.EndpointView;
import io.dataflow.privatelink.worker.config.WorkerConfig;
import io.dataflow.privatelink.worker.cloud.DnsCloud;
import io.dataflow.privatelink.worker.reconcile.DomainOutcome;
import io.dataflow.privatelink.worker.reconcile.DomainReconciler;
import io.dataflow.privatelink.worker.reconcile.EndpointReconciler;
import io.dataflow.privatelink.worker.reconcile.ManagedDomain;
import io.dataflow.privatelink.worker.repository.ManagedDomainRepository;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;
import io.dataflow.privatelink.worker.reconcile.Outcome;
import io.dataflow.privatelink.worker.repository.ManagedEndpointRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One reconcile pass: remove detached domains, delete what was asked to go, create missing endpoints,
 * make the zones of new attachments, then watch every managed endpoint with one batched observation per
 * region. Passes never overlap.
 */
@ApplicationScoped
public class ReconcileCycle {

    private static final Logger LOG = Logger.getLogger(ReconcileCycle.class);

    /** Advisory-lock key of the reconcile pass, shared by all instances of a worker (one database each). */
    public static final long RECONCILE_LOCK = ReconcileLock.KEY;

    private final ManagedEndpointRepository endpoints;
    private final ManagedDomainRepository domains;
    private final DomainReconciler domainReconciler;
    private final OutcomeRecorder recorder;
    private final ReconcileLock lock;
    private final EndpointCloud cloud;
    private final EndpointReconciler reconciler;
    private final AtomicLong passes = new AtomicLong();
    /** A failing resource waits 2 s, then 4, 8 … up to 5 min between attempts. */
    private final ReconcileQueue queue = new ReconcileQueue(Duration.ofSeconds(2), Duration.ofMinutes(5),
            java.time.Clock.systemUTC());

    ReconcileCycle(ManagedEndpointRepository endpoints, ManagedDomainRepository domains, OutcomeRecorder recorder,
                   EndpointCloud cloud, DnsCloud dns, WorkerConfig config, ReconcileLock lock) {
        this.domains = domains;
        this.domainReconciler = new DomainReconciler(dns);
        this.lock = lock;
        this.endpoints = endpoints;
        this.recorder = recorder;
        this.cloud = cloud;
        this.reconciler = new EndpointReconciler(cloud, config.acceptanceTimeout());
    }

    @Scheduled(every = "${plc.worker.reconcile-interval}", delay = 1, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("Reconcile pass failed; the next pass retries", e);
        }
    }

    /** One pass, if no other instance of this worker is in one. Blocks: the cloud calls do. */
    public void run() {
        // One pass at a time across every instance of this worker: two instances working on the same
        // connection could both announce a transition. The lock is the database's, so it dies with a
        // crashed instance's connection.
        lock.tryAcquire().ifPresent(held -> {
            try (held) {
                pass();
            }
        });
    }

    private void pass() {
        // Detaches first: a connection's endpoint is deleted only after its names stop pointing at it.
        // Deletions next: they free quota and never wait on an owner. A step that fails backs off on its
        // own; a loop stops only when the cloud is busy (ReconcileQueue).
        queue.run(Db.read(domains::awaitingDetach), ManagedDomain::attachDomainId,
                d -> apply(d, domainReconciler.detach(d)));
        queue.run(Db.read(endpoints::awaitingDeprovision), ManagedEndpoint::connectionId,
                m -> apply(m, reconciler.deprovision(m)));
        queue.run(Db.read(endpoints::awaitingProvision), ManagedEndpoint::connectionId,
                m -> apply(m, reconciler.provision(m)));
        queue.run(Db.read(domains::awaitingAttach), ManagedDomain::attachDomainId, d -> {
            ManagedEndpoint endpoint = Db.read(() -> endpoints.findManaged(d.connectionId())).orElse(null);
            return apply(d, domainReconciler.attach(d, endpoint));
        });
        watch();
        passes.incrementAndGet();
    }

    /** Passes completed since start (for operators and tests: "what happened per cycle"). */
    public long completedPasses() {
        return passes.get();
    }

    /**
     * One observation per region where this worker has endpoints; the same observation serves the
     * orphan sweep. Regions are those of the worker's rows, so an orphan in a region without any live
     * connection waits until a connection there exists again.
     */
    private void watch() {
        Map<String, List<ManagedEndpoint>> byRegion = Db.read(endpoints::watched).stream()
                .collect(Collectors.groupingBy(ManagedEndpoint::region, LinkedHashMap::new, Collectors.toList()));
        Set<String> known = Db.read(endpoints::knownConnectionIds);
        byRegion.forEach((region, rows) -> {
            List<EndpointView> observed;
            try {
                observed = cloud.observeManagedEndpoints(region);
            } catch (CloudException e) {
                LOG.warnf("Cannot observe endpoints in %s this pass: %s", region, e.getMessage());
                return;
            }
            Map<String, ManagedEndpoint> byId = rows.stream()
                    .collect(Collectors.toMap(ManagedEndpoint::connectionId, Function.identity()));
            for (Outcome outcome : reconciler.observe(rows, observed, recorder.now())) {
                apply(byId.get(outcome.connectionId()), outcome);
            }
            for (String orphan : reconciler.sweepOrphans(region, observed, known)) {
                LOG.infof("Deleted orphan endpoint %s in %s: tagged by this system, owned by no connection",
                        orphan, region);
            }
        });
    }

    private Outcome.Kind apply(ManagedDomain d, DomainOutcome outcome) {
        if (outcome.kind() == Outcome.Kind.RETRY_LATER || outcome.kind() == Outcome.Kind.CLOUD_BUSY) {
            LOG.debugf("Attachment %s: %s (%s)", d.attachDomainId(), outcome.kind(), outcome.reason());
        } else if (outcome.kind() != Outcome.Kind.NONE) {
            LOG.infof("Attachment %s of %s: %s %s", d.attachDomainId(), d.connectionId(), outcome.kind(),
                    outcome.kind() == Outcome.Kind.REMOVED ? "" : outcome.state());
            Db.transaction(() -> recorder.record(outcome));
        }
        return outcome.kind();
    }

    private Outcome.Kind apply(ManagedEndpoint m, Outcome outcome) {
        if (outcome.kind() == Outcome.Kind.RETRY_LATER || outcome.kind() == Outcome.Kind.CLOUD_BUSY) {
            LOG.debugf("Connection %s: %s (%s)", m.connectionId(), outcome.kind(), outcome.message());
            return outcome.kind();
        }
        if (outcome.kind() != Outcome.Kind.NONE) {
            LOG.infof("Connection %s: %s %s", m.connectionId(), outcome.kind(),
                    outcome.state() == null ? "" : outcome.state());
        }
        Db.transaction(() -> recorder.record(m, outcome));
        return outcome.kind();
    }
}
