package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.domain.repository.ChangeLogRepository;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;

/** Purges what is kept of deleted connections, and the change log, once {@code plc.history.retention} has passed. */
@ApplicationScoped
public class HistoryRetention {

    private static final Logger LOG = Logger.getLogger(HistoryRetention.class);

    private final ConnectionViewRepository views;
    private final DomainServiceConfig config;
    private final Clock clock = Clock.systemUTC();

    private final ChangeLogRepository changeLog;

    HistoryRetention(ConnectionViewRepository views, ChangeLogRepository changeLog, DomainServiceConfig config) {
        this.views = views;
        this.changeLog = changeLog;
        this.config = config;
    }

    @Scheduled(every = "${plc.history.purge-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    public int purge() {
        java.time.Instant cutoff = clock.instant().minus(config.history().retention());
        int purged = views.purgeDeletedBefore(cutoff);
        changeLog.purgeBefore(cutoff);
        if (purged > 0) {
            LOG.infof("Purged %d deleted connections older than %s", purged, config.history().retention());
        }
        return purged;
    }
}
