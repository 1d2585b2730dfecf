package io.dataflow.privatelink.kit.outbox;

import io.dataflow.privatelink.contract.timing.ExponentialBackoff;
import io.dataflow.privatelink.kit.db.DatabaseNotifications;
import io.dataflow.privatelink.kit.health.LoopLiveness;
import io.dataflow.privatelink.kit.health.LoopWatch;
import io.dataflow.privatelink.kit.tracing.EventTracing;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows to Kafka in sequence order and deletes them once Kafka has
 * acknowledged them. Sequence order is commit order only among transactions that serialise: where the
 * writers of one connection's events lock its row first (connection-service's commands, domain-service's
 * projection), that connection's events reach Kafka in the order they were committed. A worker's outcomes
 * do not lock so, and need not: every event carries its producer's version, and readers keep the newest
 * ({@code ReportStamp}), whatever order they arrive in. Delivery is at least once (a crash between the
 * acknowledgement and the delete sends a batch again): consumers deduplicate by event id.
 * <p>
 * Only one relay of a database publishes at a time (a transaction-scoped advisory lock): two relays on
 * different rows of one connection could reorder its events. A row Kafka refuses for good (too large,
 * invalid) is parked with Kafka's reason instead of holding up every later row; anything else (the
 * broker or the database away) is retried with backoff until it works.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final EventProducer producer;
    /** Set after a failed attempt: the next one sends row by row, to single out a row Kafka refuses. */
    private volatile boolean narrowDown;
    private final OutboxConfig config;
    private final DatabaseNotifications notifications;
    private final RelayStatus status;
    private final LoopWatch liveness;
    private final EventTracing tracing;
    private final Clock clock = Clock.systemUTC();
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    OutboxRelay(OutboxRepository outbox, EventProducer eventProducer, OutboxConfig config,
                DatabaseNotifications notifications, RelayStatus status, LoopLiveness loops, EventTracing tracing) {
        this.tracing = tracing;
        this.outbox = outbox;
        this.producer = eventProducer;
        this.config = config;
        this.notifications = notifications;
        this.status = status;
        this.liveness = loops.watch("outbox-relay", config.stalledAfter());
    }

    void start(@Observes @Priority(100) StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        notifications.listen(OutboxRepository.APPENDED_CHANNEL, this::wakeUp);
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (worker != null) {
            wakeUp();
            worker.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** A commit appended events: relay now rather than at the next poll. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void run() {
        ExponentialBackoff backoff = new ExponentialBackoff(config.retryBackoff(), config.maxRetryBackoff());
        int failures = 0;
        // the last batch took rows too: commits are coming in a stream, worth lingering for
        boolean streaming = false;
        while (running) {
            liveness.turnStarted();
            try {
                Batch batch = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::relayBatch));
                if (batch.failure() != null) {
                    throw batch.failure();
                }
                liveness.turnEnded();
                narrowDown = false;
                status.succeeded(clock.instant());
                failures = 0;
                if (batch.taken() == 0) {
                    streaming = false;
                    wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                } else {
                    if (streaming && batch.taken() < config.batchSize() && !config.linger().isZero()) {
                        Thread.sleep(config.linger().toMillis());
                    }
                    streaming = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                liveness.turnEnded();
                narrowDown = true;
                status.failed(clock.instant(), e);
                Duration delay = backoff.after(++failures);
                LOG.warnf("Outbox relay attempt failed, retrying in %s: %s", delay, e.toString());
                sleep(delay);
            }
        }
    }

    /**
     * What one relay transaction did: how many rows it took off the queue (published or parked), and the
     * failure that stopped it early, if any (the rows before it are taken off all the same).
     */
    record Batch(int taken, Throwable failure) {
        static final Batch NONE = new Batch(0, null);
    }

    /** Publishes one batch inside the current transaction. */
    Uni<Batch> relayBatch() {
        return outbox.tryRelayLock().chain(locked -> !locked ? Uni.createFrom().item(Batch.NONE)
                : outbox.nextBatch(config.batchSize()).chain(this::publish));
    }

    private Uni<Batch> publish(List<OutboxEvent> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Batch.NONE);
        }
        Context context = Vertx.currentContext();
        boolean oneByOne = narrowDown;
        // send() may block (metadata, a full buffer): off the event loop, back on this context for the database.
        return Uni.createFrom().completionStage(() -> context.executeBlocking(
                        () -> oneByOne ? sendOneByOne(rows) : sendAll(rows), false).toCompletionStage())
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .chain(outcomes -> settle(rows, outcomes));
    }

    /** Sends the rows as one stream and waits for every acknowledgement; null where Kafka took the row. */
    private List<Throwable> sendAll(List<OutboxEvent> rows) {
        Producer<String, String> kafka = producer.producer();
        List<CompletableFuture<Throwable>> acks = new ArrayList<>(rows.size());
        for (OutboxEvent row : rows) {
            acks.add(send(kafka, row));
        }
        kafka.flush();
        return awaitAll(acks);
    }

    /**
     * After a failed attempt: each row in a batch of its own, so that Kafka answers for that row alone
     * (an oversized row is refused outright instead of being split and retried with its neighbours).
     */
    private List<Throwable> sendOneByOne(List<OutboxEvent> rows) {
        Producer<String, String> kafka = producer.producer();
        List<Throwable> outcomes = new ArrayList<>(rows.size());
        for (OutboxEvent row : rows) {
            CompletableFuture<Throwable> ack = send(kafka, row);
            kafka.flush();
            Throwable outcome = awaitAll(List.of(ack)).get(0);
            outcomes.add(outcome);
            if (outcome != null && !KafkaRefusals.isPermanent(outcome)) {
                break;
            }
        }
        return outcomes;
    }

    /** Sends the row as a child of the trace it kept; the publish span ends with Kafka's answer. */
    private CompletableFuture<Throwable> send(Producer<String, String> kafka, OutboxEvent row) {
        CompletableFuture<Throwable> ack = new CompletableFuture<>();
        ProducerRecord<String, String> record = CloudEventKafka.toRecord(row.topic, row.messageKey, row.event());
        Span publish = tracing.startPublish(record, row.traceParent, row.eventId);
        try {
            // Kafka's answer reaches ack through the callback; the returned Future carries the same outcome
            Future<RecordMetadata> unused = kafka.send(record, (metadata, failure) -> {
                EventTracing.end(publish, failure);
                ack.complete(failure);
            });
        } catch (RuntimeException e) {
            EventTracing.end(publish, e);
            ack.complete(e);
        }
        return ack;
    }

    /**
     * The outcome of each send, waiting no longer than the delivery timeout (and a margin): a send still
     * pending then counts as timed out, and the producer is replaced so that it stops retrying it.
     */
    private List<Throwable> awaitAll(List<CompletableFuture<Throwable>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(producer.deliveryTimeout().plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warnf("Kafka did not acknowledge outbox events within %s; starting a fresh producer",
                    producer.deliveryTimeout());
            producer.replace();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // acks complete normally, with the failure as their value
        }
        return acks.stream().map(ack -> ack.getNow(new java.util.concurrent.TimeoutException(
                "Kafka did not acknowledge within " + producer.deliveryTimeout()))).toList();
    }

    /**
     * Deletes what Kafka took and parks what it refused for good, up to the first other failure: that row
     * and the ones after it stay queued for the next attempt (already sent ones go again: at least once).
     */
    private Uni<Batch> settle(List<OutboxEvent> rows, List<Throwable> failures) {
        // One by one, sending stops at the first row that failed for a reason worth waiting out.
        List<Long> published = new ArrayList<>();
        Uni<Void> parking = Uni.createFrom().voidItem();
        Throwable stoppedBy = null;
        int taken = 0;
        for (int i = 0; i < failures.size() && stoppedBy == null; i++) {
            OutboxEvent row = rows.get(i);
            Throwable failure = failures.get(i);
            if (failure == null) {
                published.add(row.seq);
                taken++;
            } else if (KafkaRefusals.isPermanent(failure)) {
                String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
                LOG.errorf("Kafka refused outbox event %s (%s for %s) for good; parked: %s", row.eventId, row.eventType,
                        row.topic, reason);
                status.parked(reason);
                Instant now = clock.instant();
                parking = parking.chain(() -> outbox.park(row.seq, reason, now)).replaceWithVoid();
                taken++;
            } else {
                stoppedBy = failure;
            }
        }
        Batch batch = new Batch(taken, stoppedBy);
        return parking.chain(() -> published.isEmpty() ? Uni.createFrom().item(0L) : outbox.deletePublished(published))
                .replaceWith(batch);
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
