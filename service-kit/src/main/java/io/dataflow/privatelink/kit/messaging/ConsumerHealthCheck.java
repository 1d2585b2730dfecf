package io.dataflow.privatelink.kit.messaging;

import io.dataflow.privatelink.kit.health.PipelineHealth;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.Map;

/**
 * The service's consumers, in health group {@code pipeline} ({@code /q/health/group/pipeline}), not in
 * readiness (a stalled consumer does not stop the service from serving): DOWN while one of them is retrying a batch that failed for a
 * transient reason, naming the failure and since when, or has been on one batch for longer than
 * {@code plc.messaging.stuck-after} (a hang: a lock never released, a database that stopped answering);
 * UP again by itself once the batch went through.
 */
@HealthGroup(PipelineHealth.GROUP)
@ApplicationScoped
public class ConsumerHealthCheck implements HealthCheck {

    private final ConsumerProgress progress;
    private final MessagingConfig config;
    private final java.time.Clock clock = java.time.Clock.systemUTC();

    ConsumerHealthCheck(ConsumerProgress progress, MessagingConfig config) {
        this.progress = progress;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, String> problems = new java.util.TreeMap<>(progress.stalls());
        java.time.Instant now = clock.instant();
        progress.inFlight().forEach((consumer, since) -> {
            if (java.time.Duration.between(since, now).compareTo(config.stuckAfter()) > 0) {
                problems.putIfAbsent(consumer, "one batch in progress since " + since);
            }
        });
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event consumers").status(problems.isEmpty());
        problems.forEach(response::withData);
        return response.build();
    }
}
