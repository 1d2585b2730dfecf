package io.dataflow.privatelink.kit.outbox;

import io.dataflow.privatelink.kit.health.PipelineHealth;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The outbox relay's state, in health group {@code pipeline} ({@code /q/health/group/pipeline}), never in
 * readiness: while Kafka is away the service keeps accepting commands into its outbox, which is what the
 * outbox is for. DOWN once its attempts have failed for longer than
 * {@code plc.outbox.stuck-after} (events then wait in the outbox; none is lost); UP again by itself
 * with the next success. Parked events (refused by Kafka for good) are listed with the latest reason,
 * for an operator to fix and re-queue; they do not stop the service.
 */
@HealthGroup(PipelineHealth.GROUP)
@ApplicationScoped
public class OutboxHealthCheck implements AsyncHealthCheck {

    private final OutboxConfig config;
    private final RelayStatus status;
    private final OutboxRepository outbox;
    private final Clock clock = Clock.systemUTC();

    OutboxHealthCheck(OutboxConfig config, RelayStatus status, OutboxRepository outbox) {
        this.config = config;
        this.status = status;
        this.outbox = outbox;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox relay");
        if (!config.enabled()) {
            return Uni.createFrom().item(response.up().withData("enabled", false).build());
        }
        Instant failingSince = status.failingSince();
        boolean stuck = failingSince != null
                && Duration.between(failingSince, clock.instant()).compareTo(config.stuckAfter()) > 0;
        response.status(!stuck);
        if (failingSince != null) {
            response.withData("failingSince", failingSince.toString()).withData("lastFailure", status.lastFailure());
        }
        if (status.lastSuccess() != null) {
            response.withData("lastSuccess", status.lastSuccess().toString());
        }
        return Panache.withSession(() -> outbox.countParked())
                .map(parked -> {
                    response.withData("parked", parked);
                    if (parked > 0 && status.lastParkReason() != null) {
                        response.withData("lastParkReason", status.lastParkReason());
                    }
                    return response.build();
                })
                .onFailure().recoverWithItem(failure -> response.withData("parked", "unknown: " + failure).build());
    }
}
