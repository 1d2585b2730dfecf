package io.dataflow.privatelink.worker.service;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.kit.health.LoopLiveness;
import io.dataflow.privatelink.kit.health.LoopWatch;
import io.dataflow.privatelink.kit.logging.LogContext;
import io.dataflow.privatelink.kit.tracing.EventTracing;
import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.CloudLocation;
import io.dataflow.privatelink.worker.cloud.DnsCloud;
import io.dataflow.privatelink.worker.cloud.EndpointCloud;
import io.dataflow.privatelink.worker.cloud.EndpointView;
import io.dataflow.privatelink.worker.config.WorkerConfig;
import io.dataflow.privatelink.worker.lease.HeldShards;
import io.dataflow.privatelink.worker.metrics.ReconcileMetrics;
import io.dataflow.privatelink.worker.ownership.OrphanSweep;
import io.dataflow.privatelink.worker.reconcile.DomainOutcome;
import io.dataflow.privatelink.worker.reconcile.DomainReconciler;
import io.dataflow.privatelink.worker.reconcile.EndpointReconciler;
import io.dataflow.privatelink.worker.reconcile.ManagedDomain;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;
import io.dataflow.privatelink.worker.reconcile.Outcome;
import io.dataflow.privatelink.worker.repository.ManagedDomainRepository;
import io.dataflow.privatelink.worker.repository.ManagedEndpointRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One reconcile pass: remove detached domains, delete what was asked to go, create missing endpoints,
 * make the zones of new attachments, then watch every managed endpoint with one batched observation per
 * region. Passes never overlap. Each instance of the worker works only on the shards it leases
 * ({@link ShardLeases}); every outcome it records is fenced by the lease's epoch.
 */
@ApplicationScoped
public class ReconcileCycle {

    private static final Logger LOG = Logger.getLogger(ReconcileCycle.class);

    private static final ReconcileQueue.Work<ManagedEndpoint> DELETE = endpointWork("delete");
    private static final ReconcileQueue.Work<ManagedEndpoint> CREATE = endpointWork("create");
    private static final ReconcileQueue.Work<ManagedDomain> DETACH = domainWork("detach");
    private static final ReconcileQueue.Work<ManagedDomain> ATTACH = domainWork("attach");

    private final ManagedEndpointRepository endpoints;
    private final ManagedDomainRepository domains;
    private final DomainReconciler domainReconciler;
    private final OutcomeRecorder recorder;
    private final ShardLeases leases;
    private final EndpointCloud cloud;
    private final EndpointReconciler reconciler;
    private final AtomicLong passes = new AtomicLong();
    private final LoopWatch liveness;
    private final ReconcileMetrics metrics;
    private final EventTracing tracing;
    /** A failing resource waits 2 s, then 4, 8 … up to 5 min between attempts. */
    private final ReconcileQueue queue = new ReconcileQueue(Duration.ofSeconds(2), Duration.ofMinutes(5),
            java.time.Clock.systemUTC());
    private final CapacityNotices notices = new CapacityNotices();

    ReconcileCycle(ManagedEndpointRepository endpoints, ManagedDomainRepository domains, OutcomeRecorder recorder,
                   EndpointCloud cloud, DnsCloud dns, WorkerConfig config, ShardLeases leases, OrphanSweep orphanSweep,
                   LoopLiveness loops, ReconcileMetrics metrics, EventTracing tracing) {
        this.tracing = tracing;
        this.metrics = metrics;
        this.domains = domains;
        this.domainReconciler = new DomainReconciler(dns);
        this.leases = leases;
        this.endpoints = endpoints;
        this.recorder = recorder;
        this.cloud = cloud;
        this.reconciler = new EndpointReconciler(cloud, config.acceptanceTimeout(), orphanSweep);
        this.liveness = loops.watch("reconcile-pass", config.stalledAfter());
    }

    @Scheduled(every = "${plc.worker.reconcile-interval}", delay = 1, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        liveness.turnStarted();
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("Reconcile pass failed; the next pass retries", e);
        } finally {
            liveness.turnEnded();
        }
    }

    /** One pass over the shards this instance leases (none: nothing to do). Blocks: the cloud calls do. */
    public void run() {
        HeldShards held = leases.current();
        if (held.isEmpty()) {
            return;
        }
        pass(held);
    }

    private void pass(HeldShards held) {
        Set<Integer> shards = held.shards();
        long started = System.nanoTime();
        // Detaches first: a connection's endpoint is deleted only after its names stop pointing at it.
        // Deletions next: they free quota and never wait on an owner. A step that fails backs off on its
        // own; a busy cloud stops only its account and region; tenants take turns (ReconcileQueue).
        queue.run(DETACH, Db.read(() -> domains.awaitingDetach(shards)),
                d -> traced("detach", d, () -> apply(d, domainReconciler.detach(d), held)));
        queue.run(DELETE, Db.read(() -> endpoints.awaitingDeprovision(shards)),
                m -> traced("delete", m, () -> apply(m, reconciler.deprovision(m), held)));
        List<ManagedEndpoint> creates = Db.read(() -> endpoints.awaitingProvision(shards)).stream()
                .sorted(Comparator.comparing((ManagedEndpoint m) -> m.request().createTime())).toList();
        Map<String, List<ManagedEndpoint>> waiting = queue.run(CREATE, creates,
                m -> traced("create", m, () -> apply(m, reconciler.provision(m), held)));
        tellWaiting(waiting, held);
        queue.run(ATTACH, Db.read(() -> domains.awaitingAttach(shards)),
                d -> traced("attach", d,
                () -> {
                    ManagedEndpoint endpoint = Db.read(() -> endpoints.findManaged(d.connectionId())).orElse(null);
                    return apply(d, domainReconciler.attach(d, endpoint), held);
                }));
        watch(held);
        passes.incrementAndGet();
        metrics.passed(Duration.ofNanos(System.nanoTime() - started));
    }

    /** Work on endpoints: scoped by the cluster's account and region, turns by project, then cluster. */
    private static ReconcileQueue.Work<ManagedEndpoint> endpointWork(String name) {
        return new ReconcileQueue.Work<>(name, ManagedEndpoint::connectionId, m -> m.location().toString(),
                m -> List.of(Objects.toString(m.request().placement().projectId(), ""), m.clusterId()));
    }

    /** Work on private zones: scoped likewise, turns by cluster (an attachment names no project). */
    private static ReconcileQueue.Work<ManagedDomain> domainWork(String name) {
        return new ReconcileQueue.Work<>(name, ManagedDomain::attachDomainId, d -> d.zone().location().toString(),
                d -> List.of(d.request().clusterId()));
    }

    /**
     * Creates left waiting by a busy cloud say so (their place in line and an estimate), now and then
     * ({@link CapacityNotices}): a create in a long line is not silently stuck.
     */
    private void tellWaiting(Map<String, List<ManagedEndpoint>> waiting, HeldShards held) {
        notices.retainOnly(waiting.values().stream().flatMap(List::stream).map(ManagedEndpoint::connectionId)
                .collect(Collectors.toSet()));
        Instant now = recorder.now();
        for (List<ManagedEndpoint> line : waiting.values()) {
            CloudLocation location = line.get(0).location();
            Map<String, ManagedEndpoint> byId = line.stream()
                    .collect(Collectors.toMap(ManagedEndpoint::connectionId, Function.identity()));
            for (CapacityNotices.Notice notice : notices.due(location,
                    line.stream().map(ManagedEndpoint::connectionId).toList(), cloud.createPace(location), now)) {
                ManagedEndpoint m = byId.get(notice.connectionId());
                apply(m, Outcome.transition(m, ConnectionState.CREATING, notice.message(), m.endpointId(),
                        m.zoneIds()), held);
            }
        }
    }

    /** A step on a connection's endpoint, in a span of the trace of the request that asked for it. */
    private Outcome.Kind traced(String step, ManagedEndpoint m, Supplier<Outcome.Kind> work) {
        return tracing.inSpan("reconcile " + step, m.traceParent(),
                Map.of(LogContext.CONNECTION_ID, m.connectionId(), LogContext.CLUSTER_ID, m.clusterId()), work);
    }

    /** A step on an attachment's zone, likewise. */
    private Outcome.Kind traced(String step, ManagedDomain d, Supplier<Outcome.Kind> work) {
        return tracing.inSpan("reconcile " + step + " domains", d.traceParent(),
                Map.of(LogContext.CONNECTION_ID, d.connectionId(), LogContext.ATTACH_DOMAIN_ID, d.attachDomainId()),
                work);
    }

    /** The trace an outcome is announced under: the step's span, or (watched) the last request's. */
    private static String traceOf(String kept) {
        String current = EventTracing.currentTraceParent();
        return current != null ? current : kept;
    }

    /** Passes completed since start (for operators and tests: "what happened per cycle"). */
    public long completedPasses() {
        return passes.get();
    }

    /**
     * One observation per location (platform account and region) where this worker has endpoints; the same
     * observation serves the orphan sweep, which the holder of shard 0 alone does (one instance sweeps, not
     * all). Locations are those of the instance's rows, so an orphan where no live connection is waits until
     * a connection there exists again.
     */
    private void watch(HeldShards held) {
        Map<CloudLocation, List<ManagedEndpoint>> byLocation = Db.read(() -> endpoints.watched(held.shards()))
                .stream().collect(Collectors.groupingBy(ManagedEndpoint::location, LinkedHashMap::new,
                        Collectors.toList()));
        byLocation.forEach((location, rows) -> {
            List<EndpointView> observed;
            try {
                observed = cloud.observeManagedEndpoints(location);
            } catch (CloudException e) {
                LOG.warnf("Cannot observe endpoints in %s this pass: %s", location, e.getMessage());
                return;
            }
            Map<String, ManagedEndpoint> byId = rows.stream()
                    .collect(Collectors.toMap(ManagedEndpoint::connectionId, Function.identity()));
            for (Outcome outcome : reconciler.observe(rows, observed, recorder.now())) {
                apply(byId.get(outcome.connectionId()), outcome, held);
            }
            if (!held.holds(0)) {
                return;
            }
            // The known ids are read after the observation: a connection's row is committed before any
            // instance creates its endpoint, so every endpoint observed has its row in this read. Read
            // before, an endpoint another replica created meanwhile looked like an orphan and was deleted
            // (found by the chaos harness).
            Set<String> known = Db.read(endpoints::knownConnectionIds);
            for (OrphanSweep.Decision d : reconciler.sweepOrphans(location, observed, known, recorder.now())) {
                logSweep(d);
            }
        });
    }

    /** Each verdict with the resource and why; the routine ones at DEBUG, so a pass logs what changed. */
    private static void logSweep(OrphanSweep.Decision d) {
        String line = String.format("Orphan sweep: endpoint %s in %s (tagged connection %s): %s, %s", d.endpointId(),
                d.location(), d.connectionId(), d.verdict(), d.reason());
        switch (d.verdict()) {
            case IN_GRACE -> LOG.debug(line);
            case FIRST_SEEN, DELETE -> LOG.info(line);
            case OVER_PASS_LIMIT, REPORT_ONLY, DELETE_FAILED -> LOG.warn(line);
        }
    }

    private Outcome.Kind apply(ManagedDomain d, DomainOutcome outcome, HeldShards held) {
        if (!outcome.kind().writes()) {
            if (outcome.kind() != Outcome.Kind.NONE) {
                LOG.debugf("Attachment %s: %s (%s)", d.attachDomainId(), outcome.kind(), outcome.reason());
            }
            return outcome.kind();
        }
        LOG.infof("Attachment %s of %s: %s %s", d.attachDomainId(), d.connectionId(), outcome.kind(),
                outcome.kind() == Outcome.Kind.REMOVED ? "" : outcome.state());
        String trace = traceOf(d.traceParent());
        if (!Db.transaction(() -> recorder.record(outcome, held, trace))) {
            LOG.infof("Attachment %s: its shard has passed to another instance; not recorded here",
                    d.attachDomainId());
        }
        return outcome.kind();
    }

    /** What writes nothing opens no transaction: an unchanged watched endpoint costs no statement. */
    private Outcome.Kind apply(ManagedEndpoint m, Outcome outcome, HeldShards held) {
        if (!outcome.kind().writes()) {
            if (outcome.kind() != Outcome.Kind.NONE) {
                LOG.debugf("Connection %s: %s (%s)", m.connectionId(), outcome.kind(), outcome.message());
            }
            return outcome.kind();
        }
        LOG.infof("Connection %s: %s %s", m.connectionId(), outcome.kind(),
                outcome.state() == null ? "" : outcome.state());
        String trace = traceOf(m.traceParent());
        if (!Db.transaction(() -> recorder.record(m, outcome, held, trace))) {
            LOG.infof("Connection %s: its shard has passed to another instance; not recorded here",
                    m.connectionId());
        }
        return outcome.kind();
    }
}
