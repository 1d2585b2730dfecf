package io.dataflow.privatelink.kit.db;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * PostgreSQL LISTEN/NOTIFY on one connection of its own: a transaction that sends
 * {@code pg_notify(channel, …)} wakes every listener of that channel, in every instance on the database,
 * when it commits. Listeners are also called each time the subscription is (re-)established, because
 * notifications sent while it was down are lost: a listener must look at the database, not at the
 * notification's payload. The connection reconnects by itself, every second.
 */
@ApplicationScoped
public class DatabaseNotifications {

    private static final Logger LOG = Logger.getLogger(DatabaseNotifications.class);

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;
    private volatile boolean stopped;

    DatabaseNotifications(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                          @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                          @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url);
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
    }

    /** Calls {@code listener} (on an event loop; it must not block) for each notification on the channel. */
    public synchronized void listen(String channel, Runnable listener) {
        boolean first = !listeners.containsKey(channel);
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
        if (subscriber == null) {
            subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> 1000L);
            connect();
        }
        if (first) {
            subscriber.channel(channel)
                    .subscribeHandler(ignored -> notifyAll(channel))
                    .handler(payload -> notifyAll(channel));
        }
    }

    /**
     * Sends a notification on the channel now, outside any transaction (on the listening connection). Fails
     * while that connection is down: listeners look at the database when it is back.
     */
    public Future<Void> notify(String channel) {
        PgConnection connection = subscriber == null ? null : subscriber.actualConnection();
        if (connection == null) {
            return Future.failedFuture("not connected to the database");
        }
        return connection.preparedQuery("SELECT pg_notify($1, '')").execute(Tuple.of(channel)).mapEmpty();
    }

    /** The reconnect policy covers a lost connection; a first connect that fails is retried here. */
    private void connect() {
        subscriber.connect().onFailure(e -> {
            LOG.debugf("Cannot LISTEN yet (%s); retrying in 1 s", e.toString());
            if (!stopped) {
                vertx.setTimer(1000, ignored -> connect());
            }
        });
    }

    private void notifyAll(String channel) {
        for (Runnable listener : listeners.getOrDefault(channel, List.of())) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "A listener of %s failed", channel);
            }
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
