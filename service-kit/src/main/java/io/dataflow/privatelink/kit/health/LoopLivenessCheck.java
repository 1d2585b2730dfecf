package io.dataflow.privatelink.kit.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness check {@code loops}: DOWN while one of the process's loops is stuck in one turn (named, with
 * since when), so that Kubernetes restarts a process that would otherwise hold its shards or its outbox
 * without moving. Outages of Kafka or the database never fail it: turns then end in failure and retry.
 */
@Liveness
@ApplicationScoped
public class LoopLivenessCheck implements HealthCheck {

    private final LoopLiveness loops;

    LoopLivenessCheck(LoopLiveness loops) {
        this.loops = loops;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("loops").up();
        for (LoopWatch watch : loops.watches()) {
            var stall = watch.stall();
            if (stall.isPresent()) {
                response.down().withData(watch.loop(), stall.get());
            } else {
                response.withData(watch.loop(), watch.lastTurnEndedAt() == null ? "no turn yet"
                        : "last turn ended " + watch.lastTurnEndedAt());
            }
        }
        return response.build();
    }
}
