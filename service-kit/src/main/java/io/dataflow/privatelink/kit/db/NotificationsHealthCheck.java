package io.dataflow.privatelink.kit.db;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The LISTEN/NOTIFY connection as a readiness detail, never a reason to be unready: without it the service
 * still serves (waits poll instead), but an operator sees why waits got slower.
 */
@Readiness
@ApplicationScoped
public class NotificationsHealthCheck implements HealthCheck {

    private final DatabaseNotifications notifications;

    NotificationsHealthCheck(DatabaseNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database-notifications").up();
        if (!notifications.used()) {
            return response.withData("listen", "not used").build();
        }
        if (notifications.listening()) {
            return response.withData("listen", "connected").build();
        }
        String failure = notifications.lastFailure();
        return response.withData("listen", "not connected; waits look at the database every "
                        + DatabaseNotifications.POLL_WHILE_DOWN.toMillis() + " ms instead")
                .withData("lastFailure", failure == null ? "connecting" : failure).build();
    }
}
