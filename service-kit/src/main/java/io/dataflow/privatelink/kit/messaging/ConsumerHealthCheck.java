package io.dataflow.privatelink.kit.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Readiness of the service's consumers: DOWN while one of them is retrying a batch that failed for a
 * transient reason, naming the failure and since when; UP again by itself once the batch went through.
 */
@Readiness
@ApplicationScoped
public class ConsumerHealthCheck implements HealthCheck {

    private final ConsumerProgress progress;

    ConsumerHealthCheck(ConsumerProgress progress) {
        this.progress = progress;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, String> stalls = progress.stalls();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event consumers").status(stalls.isEmpty());
        stalls.forEach(response::withData);
        return response.build();
    }
}
