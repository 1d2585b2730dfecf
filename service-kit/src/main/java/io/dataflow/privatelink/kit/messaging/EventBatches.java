package io.dataflow.privatelink.kit.messaging;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.EventContract;
import io.dataflow.privatelink.contract.event.EventPayload;
import io.dataflow.privatelink.contract.event.MalformedEventException;
import io.dataflow.privatelink.kit.faults.TransientFailures;
import io.dataflow.privatelink.kit.inbox.ProcessedEvents;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.tracing.EventTracing;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Consumes a poll's batch of records exactly once in effect, without ever losing one:
 * <ol>
 *   <li>each record is decoded as a CloudEvent and checked against the event contract; one that fails
 *       can never be processed and goes to its dead-letter topic, with the reason;</li>
 *   <li>the rest are applied in one transaction, together with their ids in the processed-event log, so
 *       a redelivered event changes nothing;</li>
 *   <li>a transient failure (database or broker away, timeout, deadlock) retries the whole batch with
 *       backoff for as long as it lasts, without acknowledging it, so its offsets are not committed;
 *       the consumer reports not-ready meanwhile ({@link ConsumerProgress});</li>
 *   <li>any other failure is narrowed down: the events are applied one per transaction, and only one
 *       that fails on its own, for a reason other than a transient one, is dead-lettered.</li>
 * </ol>
 * The returned Uni completes once the batch is in effect; the messaging layer then acknowledges it.
 */
@ApplicationScoped
public class EventBatches {

    private static final Logger LOG = Logger.getLogger(EventBatches.class);

    private final ProcessedEvents processed;
    private final DeadLetters deadLetters;
    private final ConsumerProgress progress;
    private final MessagingConfig config;
    private final EventTracing tracing;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean stopping;

    EventBatches(ProcessedEvents processed, DeadLetters deadLetters, ConsumerProgress progress,
                 MessagingConfig config, EventTracing tracing) {
        this.tracing = tracing;
        this.processed = processed;
        this.deadLetters = deadLetters;
        this.progress = progress;
        this.config = config;
    }

    /**
     * The process stops: the database pool is about to close, so a batch that fails transiently from now on is
     * given up ({@link ConsumerStopping}) instead of being retried until the messaging layer's closing timeout.
     */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    public Uni<Void> consume(String consumer, ConsumerRecords<String, String> records, BatchHandler handler) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return consume(consumer, list, handler);
    }

    public Uni<Void> consume(String consumer, List<ConsumerRecord<String, String>> records, BatchHandler handler) {
        List<InboundEvent> events = new ArrayList<>(records.size());
        List<Uni<Void>> letters = new ArrayList<>();
        // One span per record, a child of the trace the record carries, ended once the batch is in effect.
        List<Span> spans = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            Span span = tracing.startProcess(record);
            spans.add(span);
            try {
                CloudEvent event = CloudEventKafka.fromRecord(record);
                span.setAttribute("messaging.message.id", event.id());
                Optional<EventPayload> payload = EventContract.payload(event);
                // A type this version does not know is skipped: producers may add types first.
                payload.ifPresent(p -> events.add(new InboundEvent(event, p, record, EventTracing.traceParentOf(span))));
            } catch (MalformedEventException e) {
                span.setAttribute("plc.dead_letter.reason", e.getMessage());
                letters.add(retryingTransient(consumer, () -> deadLetters.send(consumer, record, e)));
            }
        }
        Uni<Void> lettersSent = letters.isEmpty() ? Uni.createFrom().voidItem()
                : Multi.createFrom().iterable(letters).onItem().transformToUniAndConcatenate(u -> u)
                .collect().last().replaceWithVoid();
        progress.started(consumer, clock.instant());
        return lettersSent.chain(() -> events.isEmpty() ? Uni.createFrom().voidItem()
                        : retryingTransient(consumer, () -> inTransaction(consumer, events, handler))
                        .onFailure(EventBatches::processable)
                        .recoverWithUni(failure -> narrowDown(consumer, events, handler, failure)))
                .onTermination().invoke((done, failure, cancelled) -> {
                    progress.finished(consumer);
                    EventTracing.end(spans, failure);
                });
    }

    /** One transaction: the first deliveries among the events, applied, and recorded as processed. */
    private Uni<Void> inTransaction(String consumer, List<InboundEvent> events, BatchHandler handler) {
        return Panache.withTransaction(() -> processed.firstDeliveries(consumer,
                        events.stream().map(e -> e.event().id()).toList())
                .chain(fresh -> {
                    List<InboundEvent> first = firstOf(events, fresh);
                    return first.isEmpty() ? Uni.createFrom().voidItem() : handler.apply(first);
                }));
    }

    /** Each event alone; one that still fails, and not for a transient reason, is dead-lettered. */
    private Uni<Void> narrowDown(String consumer, List<InboundEvent> events, BatchHandler handler, Throwable failure) {
        if (events.size() == 1) {
            return retryingTransient(consumer, () -> deadLetters.send(consumer, events.get(0).record(), failure));
        }
        LOG.warnf("A batch of %d events failed (%s); applying them one by one to find the cause", events.size(),
                failure.toString());
        return Multi.createFrom().iterable(events).onItem().transformToUniAndConcatenate(event ->
                        retryingTransient(consumer, () -> inTransaction(consumer, List.of(event), handler))
                                .onFailure(EventBatches::processable).recoverWithUni(alone -> retryingTransient(consumer,
                                        () -> deadLetters.send(consumer, event.record(), alone))))
                .collect().last().replaceWithVoid();
    }

    /**
     * Runs the step until it succeeds or fails for a reason that is not transient; between attempts the
     * consumer is reported stalled. The step is built anew for each attempt.
     */
    private Uni<Void> retryingTransient(String consumer, java.util.function.Supplier<Uni<Void>> step) {
        return Uni.createFrom().<Void>deferred(step::get)
                .onFailure(e -> stopping && TransientFailures.isTransient(e))
                .transform(e -> new ConsumerStopping(consumer, e))
                .onFailure(TransientFailures::isTransient).invoke(e -> {
                    progress.stalled(consumer, clock.instant(), e);
                    LOG.warnf("%s: transient failure, retrying: %s", consumer, e.toString());
                })
                .onFailure(TransientFailures::isTransient).retry()
                .withBackOff(config.retryBackoff(), config.maxRetryBackoff()).withJitter(0.2).indefinitely()
                .invoke(() -> progress.progressed(consumer));
    }

    /** A failure that says something about the events (not that this process is stopping). */
    private static boolean processable(Throwable failure) {
        return !(failure instanceof ConsumerStopping);
    }

    /** The events whose id was recorded just now, each once (a batch may hold a record twice). */
    private static List<InboundEvent> firstOf(List<InboundEvent> events, Set<String> fresh) {
        Set<String> remaining = new java.util.HashSet<>(fresh);
        List<InboundEvent> first = new ArrayList<>(fresh.size());
        for (InboundEvent event : events) {
            if (remaining.remove(event.event().id())) {
                first.add(event);
            }
        }
        return first;
    }
}
