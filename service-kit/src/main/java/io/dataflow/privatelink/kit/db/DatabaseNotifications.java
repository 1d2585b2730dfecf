package io.dataflow.privatelink.kit.db;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.SslMode;
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
    /** How often a wait on a notification looks at the database itself while the LISTEN connection is down. */
    public static final java.time.Duration POLL_WHILE_DOWN = java.time.Duration.ofMillis(200);

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;
    private volatile boolean stopped;
    private volatile boolean warned;
    private volatile String lastFailure;

    DatabaseNotifications(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                          @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                          @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                          @ConfigProperty(name = "quarkus.datasource.reactive.postgresql.ssl-mode") Optional<String> sslMode,
                          @ConfigProperty(name = "quarkus.datasource.reactive.trust-all") Optional<Boolean> trustAll,
                          @ConfigProperty(name = "quarkus.datasource.reactive.trust-certificate-pem.certs")
                          Optional<List<String>> trustedCertificates,
                          @ConfigProperty(name = "quarkus.datasource.reactive.hostname-verification-algorithm")
                          Optional<String> hostnameVerification) {
        this.vertx = vertx;
        this.options = listenOptions(url, username, password, sslMode, trustAll, trustedCertificates,
                hostnameVerification);
    }

    /**
     * The LISTEN connection's options: the datasource's URL, user and TLS settings (SSL mode, trusted
     * certificates, trust-all, host name verification), so it reaches a server that requires TLS exactly as the
     * pool does.
     */
    static PgConnectOptions listenOptions(String url, Optional<String> username, Optional<String> password,
                                          Optional<String> sslMode, Optional<Boolean> trustAll,
                                          Optional<List<String>> trustedCertificates,
                                          Optional<String> hostnameVerification) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url);
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        sslMode.ifPresent(mode -> options.setSslMode(SslMode.of(mode)));
        trustAll.ifPresent(options::setTrustAll);
        trustedCertificates.filter(certs -> !certs.isEmpty())
                .ifPresent(certs -> options.setPemTrustOptions(pemTrust(certs)));
        hostnameVerification.filter(algorithm -> !"NONE".equalsIgnoreCase(algorithm))
                .ifPresent(options::setHostnameVerificationAlgorithm);
        return options;
    }

    private static PemTrustOptions pemTrust(List<String> certificatePaths) {
        PemTrustOptions trust = new PemTrustOptions();
        certificatePaths.forEach(trust::addCertPath);
        return trust;
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

    /**
     * Whether notifications arrive now: false before {@link #listen} and while the LISTEN connection is down
     * (waits on a notification should then look again soon instead of waiting their whole bound).
     */
    public boolean listening() {
        PgSubscriber current = subscriber;
        return current != null && current.actualConnection() != null;
    }

    /** Whether any listener asked for notifications (a service that never listens has nothing to report). */
    public boolean used() {
        return subscriber != null;
    }

    /** Why the LISTEN connection could not be made the last time it failed; null when it never failed. */
    public String lastFailure() {
        return lastFailure;
    }

    /** The reconnect policy covers a lost connection; a first connect that fails is retried here. */
    private void connect() {
        subscriber.connect().onSuccess(ignored -> lastFailure = null).onFailure(e -> {
            lastFailure = e.toString();
            if (!warned) {
                warned = true;
                LOG.warnf("Cannot LISTEN on the database (%s); retrying every second. Until then, waits for "
                        + "other instances' commits look at the database every %d ms instead.",
                        e.toString(), POLL_WHILE_DOWN.toMillis());
            }
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
