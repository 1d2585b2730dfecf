package io.dataflow.privatelink.kit.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outbox as metrics: {@code plc_outbox_backlog} (rows waiting for Kafka), {@code
 * plc_outbox_oldest_age_seconds} (how long the oldest of them has waited: the alert's measure, since a backlog
 * that drains is fine) and {@code plc_outbox_parked} (rows Kafka refused for good, for an operator). Sampled
 * with one read every {@code plc.outbox.metrics-interval}, never on the scrape.
 */
@ApplicationScoped
public class OutboxMetrics {

    private final OutboxRepository outbox;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<OutboxRepository.Backlog> last =
            new AtomicReference<>(new OutboxRepository.Backlog(0, null, 0));

    private final MeterRegistry registry;
    private final java.util.List<io.micrometer.core.instrument.Meter> gauges = new java.util.ArrayList<>();

    OutboxMetrics(OutboxRepository outbox, MeterRegistry registry, OutboxConfig config) {
        this.outbox = outbox;
        this.registry = registry;
        if (!config.enabled()) {
            return;
        }
        gauges.add(Gauge.builder("plc.outbox.backlog", last, b -> b.get().waiting())
                .description("Outbox rows waiting to be relayed to Kafka").strongReference(true).register(registry));
        gauges.add(Gauge.builder("plc.outbox.oldest.age", last, b -> ageSeconds(b.get()))
                .baseUnit("seconds").description("How long the oldest waiting outbox row has waited")
                .strongReference(true).register(registry));
        gauges.add(Gauge.builder("plc.outbox.parked", last, b -> b.get().parked())
                .description("Outbox rows Kafka refused for good, waiting for an operator").strongReference(true)
                .register(registry));
    }

    /** The gauges read this instance's samples: they go with it. */
    @jakarta.annotation.PreDestroy
    void unregister() {
        gauges.forEach(registry::remove);
    }

    @Scheduled(every = "${plc.outbox.metrics-interval}", delay = 1, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sample() {
        return Panache.withSession(outbox::backlog).invoke(last::set).replaceWithVoid()
                .onFailure().recoverWithNull(); // the database away: the previous sample stands, readiness says why
    }

    private double ageSeconds(OutboxRepository.Backlog backlog) {
        return backlog.oldestWaiting() == null ? 0
                : Math.max(0, Duration.between(backlog.oldestWaiting(), clock.instant()).toMillis() / 1000.0);
    }
}
