package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.domain.repository.ChangeLogRepository;
import io.dataflow.privatelink.domain.repository.ChangeLogRepository.Change;
import io.dataflow.privatelink.kit.db.DatabaseNotifications;
import io.dataflow.privatelink.kit.db.SafeContexts;
import io.dataflow.privatelink.kit.logging.LogContext;
import io.dataflow.privatelink.kit.tracing.EventTracing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tails the change log for this instance's subscribers: woken by the projection's commit notification
 * (from any instance), it reads what was committed after its position, reactively, and hands each change
 * to the subscriptions of its cluster. A timer looks as well, in case a notification was lost; another
 * keeps idle streams alive with heartbeats.
 */
@ApplicationScoped
public class SubscriptionHub {

    private static final Logger LOG = Logger.getLogger(SubscriptionHub.class);
    private static final int READ_BATCH = 1000;
    private static final long SAFETY_POLL_MILLIS = 1000;

    private final ChangeLogRepository changeLog;
    private final DatabaseNotifications notifications;
    private final DomainServiceConfig config;
    private final Vertx vertx;
    private final Map<String, Set<Subscription>> byCluster = new ConcurrentHashMap<>();
    private final Object deliveryLock = new Object();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile boolean again;
    private volatile long position;
    private volatile boolean stopping;
    private final java.util.List<Long> timers = new java.util.ArrayList<>();

    private final io.micrometer.core.instrument.Counter fellBehind;
    private final io.micrometer.core.instrument.MeterRegistry registry;
    private final io.micrometer.core.instrument.Gauge subscribersGauge;
    private final EventTracing tracing;

    SubscriptionHub(ChangeLogRepository changeLog, DatabaseNotifications notifications, DomainServiceConfig config,
                    Vertx vertx, io.micrometer.core.instrument.MeterRegistry registry, EventTracing tracing) {
        this.registry = registry;
        this.tracing = tracing;
        this.subscribersGauge = io.micrometer.core.instrument.Gauge.builder("plc.status.subscribers", this,
                        SubscriptionHub::subscribers)
                .description("Status streams this instance holds open").strongReference(true).register(registry);
        this.fellBehind = io.micrometer.core.instrument.Counter.builder("plc.status.slow.subscribers.closed")
                .description("Status streams ended because their subscriber fell behind").register(registry);
        this.changeLog = changeLog;
        this.notifications = notifications;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) throws Throwable {
        position = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(changeLog::lastSeq));
        notifications.listen(ConnectionProjection.PROJECTED_CHANNEL, this::wakeUp);
        timers.add(vertx.setPeriodic(SAFETY_POLL_MILLIS, id -> wakeUp()));
        timers.add(vertx.setPeriodic(config.subscriptions().heartbeat().toMillis(), id -> heartbeat()));
    }

    /**
     * A graceful shutdown begins (readiness is DOWN from now on): every open stream is handed over, told where
     * to resume, and so is any opened during the shutdown delay, so that none is cut without a word when the
     * process exits.
     */
    void handOver(@Observes ShutdownDelayInitiatedEvent shutdownBegins) {
        handOverAll();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        handOverAll();
        timers.forEach(vertx::cancelTimer);
        registry.remove(subscribersGauge); // it reads this instance: it goes with it
    }

    private void handOverAll() {
        synchronized (deliveryLock) {
            stopping = true;
            byCluster.values().forEach(subscriptions -> subscriptions.forEach(Subscription::handOver));
        }
    }

    /** A subscription starting at the current position: every later change of its scope reaches it. */
    public Subscription register(String clusterId, String connectionId) {
        synchronized (deliveryLock) {
            Subscription subscription = new Subscription(clusterId, connectionId, position,
                    config.subscriptions().bufferSize());
            byCluster.computeIfAbsent(clusterId, id -> ConcurrentHashMap.newKeySet()).add(subscription);
            if (stopping) {
                subscription.handOver();
            }
            return subscription;
        }
    }

    public void unregister(Subscription subscription) {
        if (subscription.fellBehind()) {
            fellBehind.increment();
        }
        subscription.end();
        Set<Subscription> ofCluster = byCluster.get(subscription.clusterId());
        if (ofCluster != null) {
            ofCluster.remove(subscription);
        }
    }

    public int subscribers() {
        return byCluster.values().stream().mapToInt(Set::size).sum();
    }

    /** Something was committed: read the change log now. Must be called on a Vert.x thread. */
    public void wakeUp() {
        again = true;
        if (reading.compareAndSet(false, true)) {
            read();
        }
    }

    private void read() {
        again = false;
        long from = position;
        SafeContexts.onNewContext(() -> Panache.withSession(() -> changeLog.after(from, null, null, READ_BATCH)))
                .subscribe().with(changes -> {
                    deliver(changes);
                    if (changes.size() == READ_BATCH || again) {
                        read();
                        return;
                    }
                    reading.set(false);
                    if (again && reading.compareAndSet(false, true)) {
                        read();
                    }
                }, failure -> {
                    reading.set(false);
                    LOG.warnf("Cannot read the change log; the next notification or poll retries: %s",
                            failure.toString());
                });
    }

    private void deliver(List<Change> changes) {
        synchronized (deliveryLock) {
            for (Change change : changes) {
                Set<Subscription> ofCluster = byCluster.get(change.clusterId());
                if (ofCluster != null && !ofCluster.isEmpty()) {
                    // the last hop of the change's trace: its push to the cluster's open streams
                    tracing.inSpan("push status", change.traceParent(), Map.of(LogContext.CONNECTION_ID,
                            change.connectionId(), LogContext.CLUSTER_ID, change.clusterId()), () -> {
                        for (Subscription subscription : ofCluster) {
                            subscription.offer(change);
                        }
                        return null;
                    });
                }
                position = change.seq();
            }
        }
    }

    private void heartbeat() {
        byCluster.values().forEach(set -> set.forEach(Subscription::heartbeat));
    }
}
