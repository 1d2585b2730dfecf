package io.dataflow.privatelink.kit.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;

/** Every service's processed-event log is purged past {@code plc.processed-events.retention}, so it never grows for ever. */
@ApplicationScoped
public class ProcessedEventsRetention {

    private static final Logger LOG = Logger.getLogger(ProcessedEventsRetention.class);

    private final ProcessedEvents processed;
    private final ProcessedEventsConfig config;
    private final Clock clock = Clock.systemUTC();

    ProcessedEventsRetention(ProcessedEvents processed, ProcessedEventsConfig config) {
        this.processed = processed;
        this.config = config;
    }

    @Scheduled(every = "${plc.processed-events.purge-interval:1h}", delay = 1,
            delayUnit = java.util.concurrent.TimeUnit.MINUTES, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge().replaceWithVoid().onFailure().recoverWithItem(e -> {
            LOG.warnf("Purging processed events failed; the next purge retries: %s", e.toString());
            return null;
        });
    }

    /** Deletes the ids older than the retention; returns how many went. */
    public Uni<Integer> purge() {
        return Panache.withTransaction(() -> processed.purgeBefore(clock.instant().minus(config.retention())));
    }
}
