package io.dataflow.privatelink.worker.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reconcile loop as metrics: {@code plc_reconcile_pass_seconds} (each pass), {@code
 * plc_reconcile_oldest_pending_seconds} (how long the oldest create or delete this instance has not yet done
 * has waited, as the last pass found it: a growing value is work stuck, where a long queue that moves is not)
 * and {@code plc_shards_held} (this replica's share).
 */
@ApplicationScoped
public class ReconcileMetrics {

    private final Timer pass;
    private final AtomicReference<Instant> oldestPending = new AtomicReference<>();

    ReconcileMetrics(MeterRegistry registry, io.dataflow.privatelink.worker.service.ShardLeases leases) {
        this.pass = Timer.builder("plc.reconcile.pass").description("One reconcile pass").register(registry);
        Gauge.builder("plc.reconcile.oldest.pending", oldestPending, ReconcileMetrics::age).baseUnit("seconds")
                .description("Age of the oldest create or delete not yet done").register(registry);
        Gauge.builder("plc.shards.held", leases, l -> l.current().shards().size())
                .description("Shards this replica works on").register(registry);
    }

    public void passed(Duration took) {
        pass.record(took);
    }

    /** The oldest intent the pass found waiting (its time), or null when nothing waits. */
    public void oldestPending(Instant since) {
        oldestPending.set(since);
    }

    private static double age(AtomicReference<Instant> since) {
        Instant value = since.get();
        return value == null ? 0 : Math.max(0, Duration.between(value, Instant.now()).toMillis() / 1000.0);
    }
}
