package io.dataflow.privatelink.kit.db;

import io.vertx.core.Vertx;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A LISTEN connection that cannot be made is a readiness detail (with the reason), not a reason to be unready. */
class NotificationsHealthCheckTest {

    private final Vertx vertx = Vertx.vertx();
    private DatabaseNotifications notifications;

    @AfterEach
    void stop() {
        notifications.stop(null);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aListenConnectionThatCannotConnectIsReportedUpWithTheReason() {
        notifications = new DatabaseNotifications(vertx, "postgresql://127.0.0.1:1/nowhere", Optional.of("u"),
                Optional.of("p"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        NotificationsHealthCheck health = new NotificationsHealthCheck(notifications);
        assertEquals("not used", health.call().getData().orElseThrow().get("listen"));

        notifications.listen("kit_nowhere", () -> { });
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.lastFailure() != null);

        HealthCheckResponse response = health.call();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertFalse(notifications.listening());
        String listen = String.valueOf(response.getData().orElseThrow().get("listen"));
        assertTrue(listen.startsWith("not connected"), listen);
        String failure = String.valueOf(response.getData().orElseThrow().get("lastFailure"));
        assertTrue(failure.contains("Connection refused"), failure);
    }
}
