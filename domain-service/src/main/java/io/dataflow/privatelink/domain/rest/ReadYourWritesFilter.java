package io.dataflow.privatelink.domain.rest;

import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.domain.service.ProjectionSignals;
import io.dataflow.privatelink.kit.api.ReadYourWrites;
import io.dataflow.privatelink.kit.db.DatabaseNotifications;
import io.dataflow.privatelink.kit.inbox.ProcessedEvents;
import io.dataflow.privatelink.kit.kafka.KafkaTopicsConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;

/**
 * Holds a query until this service has projected the event named in {@link ReadYourWrites#MIN_EVENT_HEADER}
 * (the caller's latest command), so that it answers with the caller's own writes. It looks once, then
 * again each time a batch commits (the projection's notification), without holding a thread and without
 * polling; after {@code plc.read-your-writes.max-wait} it answers with what it has (and logs the lag). While
 * notifications cannot arrive (the LISTEN connection is down) it looks every
 * {@link DatabaseNotifications#POLL_WHILE_DOWN} instead of waiting its whole bound.
 */
@ApplicationScoped
public class ReadYourWritesFilter {

    private static final Logger LOG = Logger.getLogger(ReadYourWritesFilter.class);

    private final ProcessedEvents processed;
    private final ProjectionSignals signals;
    private final Duration maxWait;
    private final String consumer;

    private final io.micrometer.core.instrument.MeterRegistry registry;

    ReadYourWritesFilter(ProcessedEvents processed, ProjectionSignals signals, DomainServiceConfig config,
                         KafkaTopicsConfig topics, io.micrometer.core.instrument.MeterRegistry registry) {
        this.registry = registry;
        this.processed = processed;
        this.signals = signals;
        this.maxWait = config.readYourWrites().maxWait();
        this.consumer = topics.consumerName();
    }

    @ServerRequestFilter
    public Uni<Response> awaitProjection(ContainerRequestContext request) {
        String eventId = request.getHeaderString(ReadYourWrites.MIN_EVENT_HEADER);
        if (eventId == null || eventId.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        long start = System.nanoTime();
        return awaitProjected(eventId.strip(), start + maxWait.toNanos())
                .invoke(projected -> registry.timer("plc.read.your.writes.wait",
                        "outcome", projected ? "projected" : "timed-out").record(System.nanoTime() - start,
                        java.util.concurrent.TimeUnit.NANOSECONDS))
                .replaceWith((Response) null);
    }

    /** How long to wait for the next batch's notification before looking again ({@code left}: nanoseconds to the bound). */
    static Duration nextLook(long left, boolean listening) {
        Duration bound = Duration.ofNanos(left);
        return listening || bound.compareTo(DatabaseNotifications.POLL_WHILE_DOWN) < 0 ? bound
                : DatabaseNotifications.POLL_WHILE_DOWN;
    }

    /** True once the event is projected, false when the bound passed first. */
    private Uni<Boolean> awaitProjected(String eventId, long deadline) {
        // Listen first, then look: a batch committing in between still wakes this wait.
        Uni<Void> nextBatch = signals.nextBatch();
        return Panache.withSession(() -> processed.isProcessed(consumer, eventId)).chain(done -> {
            if (done) {
                return Uni.createFrom().item(true);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warnf("Event %s not projected within %s; answering without it", eventId, maxWait);
                return Uni.createFrom().item(false);
            }
            Context context = Vertx.currentContext();
            return nextBatch.ifNoItem().after(nextLook(left, signals.listening())).recoverWithItem((Void) null)
                    // back on this request's context: the next look uses its database session
                    .emitOn(command -> context.runOnContext(ignored -> command.run()))
                    .chain(() -> awaitProjected(eventId, deadline));
        });
    }
}
