package io.dataflow.privatelink.kit.testing;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A session-level advisory lock held on a connection of its own, as another instance of a service would
 * hold it; released by {@link #close()}.
 */
public final class SessionLock implements AutoCloseable {

    private final Vertx vertx;
    private final PgConnection connection;
    private final long key;

    private SessionLock(Vertx vertx, PgConnection connection, long key) {
        this.vertx = vertx;
        this.connection = connection;
        this.key = key;
    }

    /** Takes the lock on the test's database (quarkus.datasource.*), waiting for it. */
    public static SessionLock take(long key) {
        var config = ConfigProvider.getConfig();
        PgConnectOptions options = PgConnectOptions.fromUri(config.getValue("quarkus.datasource.reactive.url",
                String.class))
                .setUser(config.getValue("quarkus.datasource.username", String.class))
                .setPassword(config.getValue("quarkus.datasource.password", String.class));
        Vertx vertx = Vertx.vertx();
        try {
            PgConnection connection = PgConnection.connect(vertx, options).toCompletionStage().toCompletableFuture()
                    .get();
            connection.query("SELECT pg_advisory_lock(" + key + ")").execute().toCompletionStage()
                    .toCompletableFuture().get();
            return new SessionLock(vertx, connection, key);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("cannot take advisory lock " + key, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.query("SELECT pg_advisory_unlock(" + key + ")").execute().toCompletionStage()
                    .toCompletableFuture().get();
            connection.close().toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            vertx.close();
        }
    }
}
