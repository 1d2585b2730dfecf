package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.repository.IdempotencyKeyRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** Forgets idempotency keys older than {@code plc.idempotency.retention}. */
@ApplicationScoped
public class IdempotencyKeyRetention {

    private final IdempotencyKeyRepository keys;
    private final ConnectionServiceConfig config;
    private final Clock clock = Clock.systemUTC();

    IdempotencyKeyRetention(IdempotencyKeyRepository keys, ConnectionServiceConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @Scheduled(every = "1h", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return Panache.withTransaction(() -> keys.purgeBefore(clock.instant().minus(config.idempotency().retention())))
                .replaceWithVoid().onFailure().recoverWithNull();
    }
}
