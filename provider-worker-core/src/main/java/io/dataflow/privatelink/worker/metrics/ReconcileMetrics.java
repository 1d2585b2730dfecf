package io.dataflow.privatelink.worker.metrics;

import io.dataflow.privatelink.worker.lease.HeldShards;
import io.dataflow.privatelink.worker.repository.ManagedEndpointRepository;
import io.dataflow.privatelink.worker.service.Db;
import io.dataflow.privatelink.worker.service.ShardLeases;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reconcile loop as metrics: {@code plc_reconcile_pass_seconds} (each pass), {@code
 * plc_reconcile_oldest_pending_seconds} (how long the oldest create or delete of this replica's shards has
 * waited: a growing value is work stuck, where a long queue that moves is not) and {@code plc_shards_held}
 * (this replica's share). The last two are read every {@code plc.worker.metrics-interval}, apart from the
 * passes (a pass stuck on a cloud call must not freeze them).
 */
@ApplicationScoped
public class ReconcileMetrics {

    private final Timer pass;
    private final ShardLeases leases;
    private final ManagedEndpointRepository endpoints;
    private final AtomicReference<Instant> oldestPending = new AtomicReference<>();
    private final AtomicInteger shardsHeld = new AtomicInteger();
    private final MeterRegistry registry;
    private final java.util.List<io.micrometer.core.instrument.Meter> gauges;

    ReconcileMetrics(MeterRegistry registry, ShardLeases leases, ManagedEndpointRepository endpoints) {
        this.leases = leases;
        this.endpoints = endpoints;
        this.registry = registry;
        this.pass = Timer.builder("plc.reconcile.pass").description("One reconcile pass").register(registry);
        this.gauges = java.util.List.of(
                Gauge.builder("plc.reconcile.oldest.pending", oldestPending, ReconcileMetrics::age).baseUnit("seconds")
                        .description("Age of the oldest create or delete not yet done").strongReference(true)
                        .register(registry),
                Gauge.builder("plc.shards.held", shardsHeld, AtomicInteger::get)
                        .description("Shards this replica works on").strongReference(true).register(registry));
    }

    /** A gauge reads this instance's state: it goes with the instance (a registry outliving it kept the stale one). */
    @jakarta.annotation.PreDestroy
    void unregister() {
        gauges.forEach(registry::remove);
    }

    public void passed(Duration took) {
        pass.record(took);
    }

    @Scheduled(every = "${plc.worker.metrics-interval}", delay = 1, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sample() {
        HeldShards held = leases.current();
        shardsHeld.set(held.shards().size());
        try {
            oldestPending.set(held.isEmpty() ? null
                    : Db.read(() -> endpoints.oldestPendingSince(held.shards())).orElse(null));
        } catch (RuntimeException databaseAway) {
            // the last value stands; readiness says why
        }
    }

    private static double age(AtomicReference<Instant> since) {
        Instant value = since.get();
        return value == null ? 0 : Math.max(0, Duration.between(value, Instant.now()).toMillis() / 1000.0);
    }
}
