package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.domain.repository.AttachmentViewRepository;
import io.dataflow.privatelink.domain.repository.ChangeLogRepository;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import io.dataflow.privatelink.domain.repository.DomainRouteRepository;
import io.dataflow.privatelink.domain.repository.HistoryRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Purges what is kept of deleted connections (their tombstones, histories and attachments), the change
 * log, once {@code plc.history.retention} has passed (the processed-event log has its own retention:
 * service-kit {@code ProcessedEventsRetention}). The current snapshot
 * of a live connection is never purged: it lives in its read-model row, not only in the change log.
 */
@ApplicationScoped
public class HistoryRetention {

    private static final Logger LOG = Logger.getLogger(HistoryRetention.class);

    private final ConnectionViewRepository views;
    private final AttachmentViewRepository attachments;
    private final HistoryRepository history;
    private final DomainRouteRepository routes;
    private final ChangeLogRepository changeLog;
    private final DomainServiceConfig config;
    private final Clock clock = Clock.systemUTC();

    HistoryRetention(ConnectionViewRepository views, AttachmentViewRepository attachments, HistoryRepository history,
                     DomainRouteRepository routes, ChangeLogRepository changeLog, DomainServiceConfig config) {
        this.views = views;
        this.attachments = attachments;
        this.history = history;
        this.routes = routes;
        this.changeLog = changeLog;
        this.config = config;
    }

    @Scheduled(every = "${plc.history.purge-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge().replaceWithVoid().onFailure().recoverWithItem(e -> {
            LOG.warnf("Purge failed; the next one retries: %s", e.toString());
            return null;
        });
    }

    /** Purges everything older than the retention; returns how many deleted connections went. */
    public Uni<Integer> purge() {
        return purgeBefore(clock.instant().minus(config.history().retention()));
    }

    public Uni<Integer> purgeBefore(Instant cutoff) {
        return Panache.withTransaction(() -> views.deletedBefore(cutoff).chain(expired -> {
            Uni<Void> connections = expired.isEmpty() ? Uni.createFrom().voidItem()
                    : history.deleteOfConnections(expired)
                    .chain(() -> routes.deleteOfConnections(expired))
                    .chain(() -> attachments.deleteOfConnections(expired))
                    .chain(() -> views.deleteAll(expired)).replaceWithVoid();
            return connections
                    .chain(() -> changeLog.purgeBefore(cutoff))
                    .replaceWith(expired.size());
        })).invoke(purged -> {
            if (purged > 0) {
                LOG.infof("Purged %d deleted connections older than %s", purged, config.history().retention());
            }
        });
    }
}
