package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.repository.IdempotencyKeyRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/**
 * Forgets idempotency keys older than {@code plc.idempotency.retention}, and command events older than an
 * hour (read-your-writes needs only the latest, for seconds).
 */
@ApplicationScoped
public class CommandRecordsRetention {

    private final IdempotencyKeyRepository keys;
    private final io.dataflow.privatelink.connection.repository.CommandEventRepository commandEvents;
    private final ConnectionServiceConfig config;
    private final Clock clock = Clock.systemUTC();

    CommandRecordsRetention(IdempotencyKeyRepository keys,
                            io.dataflow.privatelink.connection.repository.CommandEventRepository commandEvents,
                            ConnectionServiceConfig config) {
        this.keys = keys;
        this.commandEvents = commandEvents;
        this.config = config;
    }

    @Scheduled(every = "1h", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return Panache.withTransaction(() -> keys.purgeBefore(clock.instant().minus(config.idempotency().retention()))
                        .chain(() -> commandEvents.purgeBefore(clock.instant().minus(java.time.Duration.ofHours(1)))))
                .replaceWithVoid().onFailure().recoverWithNull();
    }
}
