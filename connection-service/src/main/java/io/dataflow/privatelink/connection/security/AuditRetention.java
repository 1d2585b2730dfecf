package io.dataflow.privatelink.connection.security;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.repository.AuditRecordRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Deletes audit records older than {@code plc.audit.retention} and counts of unauthenticated requests older
 * than {@code plc.audit.unauthenticated-retention}, so the audit trail never grows for ever.
 */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final AuditRecordRepository records;
    private final ConnectionServiceConfig config;
    private final Clock clock = Clock.systemUTC();

    AuditRetention(AuditRecordRepository records, ConnectionServiceConfig config) {
        this.records = records;
        this.config = config;
    }

    @Scheduled(every = "1h", delay = 2, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purgeExpired().replaceWithVoid().onFailure().recoverWithItem(e -> {
                    LOG.warnf("Purging the audit trail failed; the next purge retries: %s", e.toString());
                    return null;
                });
    }

    /** Deletes what is older than the retentions; returns the rows deleted. */
    public Uni<Integer> purgeExpired() {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> records.purgeBefore(now.minus(config.audit().retention()),
                now.minus(config.audit().unauthenticatedRetention())));
    }
}
