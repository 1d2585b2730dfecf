package io.dataflow.privatelink.worker.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code cloud-credentials}: DOWN, with the cloud's words, while the cloud refuses the key or
 * none can be loaded; UP with data naming what else needs an operator (a missing permission, a quota).
 */
@Readiness
@ApplicationScoped
public class CloudCredentialsCheck implements HealthCheck {

    private final CloudCredentials credentials;

    CloudCredentialsCheck(CloudCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public HealthCheckResponse call() {
        String rejection = credentials.rejection();
        if (rejection == null) {
            var up = HealthCheckResponse.named("cloud-credentials").up();
            credentials.needingOperator().forEach((code, text) -> up.withData("needs-operator " + code, text));
            return up.build();
        }
        return HealthCheckResponse.named("cloud-credentials").down()
                .withData("error", rejection)
                .withData("since", String.valueOf(credentials.rejectedAt()))
                .build();
    }
}
