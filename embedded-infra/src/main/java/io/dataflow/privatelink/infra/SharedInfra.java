package io.dataflow.privatelink.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * One Kafka broker and one PostgreSQL server per JVM, started lazily in a temporary directory and
 * stopped (and the directory deleted) by a JVM shutdown hook. For plain JUnit tests, launchers and
 * {@link InfraTestResource}.
 *
 * <p>The instances returned are non-owning handles: {@code close()} on them does nothing, so one test
 * cannot stop what the others share.
 *
 * <p>Quarkus loads test dependencies again in a new class loader for each test profile, which would
 * give every profile its own statics, and so its own broker and database. So a copy of this class that
 * is not the one of the system class loader hands the work to that one (by reflection, passing only
 * JDK types), and the JVM really has one of each.
 */
public final class SharedInfra {

    private static final Logger LOG = LoggerFactory.getLogger(SharedInfra.class);

    /** The system class loader's copy of this class, if this copy is another one. */
    private static final Class<?> ROOT = rootCopy();

    private static final Object KAFKA_LOCK = new Object();
    private static final Object POSTGRES_LOCK = new Object();
    private static EmbeddedKafka kafka; // guarded by KAFKA_LOCK
    private static EmbeddedPostgresServer postgres; // guarded by POSTGRES_LOCK
    private static Path baseDir; // guarded by SharedInfra.class

    private SharedInfra() {
    }

    /** The JVM's shared Kafka broker, started on first use. */
    public static EmbeddedKafka kafka() {
        if (ROOT != null) {
            Map<String, String> facts = callRoot("kafkaFacts");
            return EmbeddedKafka.handle(Path.of(facts.get("dataDir")), Integer.parseInt(facts.get("port")),
                    facts.get("clusterId"), Duration.ofMillis(Long.parseLong(facts.get("startupMillis"))));
        }
        return ownedKafka().handle();
    }

    /** The JVM's shared PostgreSQL server, started on first use. */
    public static EmbeddedPostgresServer postgres() {
        if (ROOT != null) {
            Map<String, String> facts = callRoot("postgresFacts");
            return EmbeddedPostgresServer.handle(Path.of(facts.get("dataDir")), Integer.parseInt(facts.get("port")),
                    Duration.ofMillis(Long.parseLong(facts.get("startupMillis"))));
        }
        return ownedPostgres().handle();
    }

    /** Starts both (if not running yet) side by side, which is quicker than one after the other. */
    public static void startAll() {
        CompletableFuture<EmbeddedPostgresServer> pg = CompletableFuture.supplyAsync(SharedInfra::postgres,
                task -> new Thread(task, "shared-infra-postgres-start").start());
        kafka();
        try {
            pg.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Kills the shared PostgreSQL as a crash would; {@link #startPostgresAgain()} brings it back. For fault tests. */
    public static void killPostgres() {
        if (ROOT != null) {
            callRoot("killOwnedPostgres");
            return;
        }
        killOwnedPostgres();
    }

    /** Starts the shared PostgreSQL again on the same port and data. */
    public static void startPostgresAgain() {
        if (ROOT != null) {
            callRoot("startOwnedPostgresAgain");
            return;
        }
        startOwnedPostgresAgain();
    }

    /** Stops the shared Kafka broker until {@link #startKafkaAgain()}. For fault tests. */
    public static void stopKafka() {
        if (ROOT != null) {
            callRoot("stopOwnedKafka");
            return;
        }
        stopOwnedKafka();
    }

    public static void startKafkaAgain() {
        if (ROOT != null) {
            callRoot("startOwnedKafkaAgain");
            return;
        }
        startOwnedKafkaAgain();
    }

    // ---- owning copy ------------------------------------------------------------------------------

    private static Map<String, String> killOwnedPostgres() {
        ownedPostgres().kill();
        return Map.of();
    }

    private static Map<String, String> startOwnedPostgresAgain() {
        ownedPostgres().startAgain();
        return Map.of();
    }

    private static Map<String, String> stopOwnedKafka() {
        ownedKafka().stopForRestart();
        return Map.of();
    }

    private static Map<String, String> startOwnedKafkaAgain() {
        ownedKafka().startAgain();
        return Map.of();
    }

    private static EmbeddedKafka ownedKafka() {
        synchronized (KAFKA_LOCK) {
            if (kafka == null) {
                kafka = EmbeddedKafka.start(baseDir().resolve("kafka"), 0);
            }
            return kafka;
        }
    }

    private static EmbeddedPostgresServer ownedPostgres() {
        synchronized (POSTGRES_LOCK) {
            if (postgres == null) {
                // pg_stat_statements: a test can count the statements a piece of work sends (WatchAtScaleTest).
                postgres = EmbeddedPostgresServer.start(baseDir().resolve("postgres"), 0,
                        Map.of("shared_preload_libraries", "pg_stat_statements"));
            }
            return postgres;
        }
    }

    /** Called by copies of this class in other class loaders. */
    @SuppressWarnings("unused")
    private static Map<String, String> kafkaFacts() {
        EmbeddedKafka k = ownedKafka();
        return Map.of("dataDir", k.dataDir().toString(), "port", Integer.toString(k.port()),
                "clusterId", k.clusterId(), "startupMillis", Long.toString(k.startupTime().toMillis()));
    }

    /** Called by copies of this class in other class loaders. */
    @SuppressWarnings("unused")
    private static Map<String, String> postgresFacts() {
        EmbeddedPostgresServer p = ownedPostgres();
        return Map.of("dataDir", p.dataDir().toString(), "port", Integer.toString(p.port()),
                "startupMillis", Long.toString(p.startupTime().toMillis()));
    }

    private static synchronized Path baseDir() {
        if (baseDir == null) {
            try {
                baseDir = Files.createTempDirectory("embedded-infra-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(SharedInfra::shutdown, "shared-infra-stop"));
        }
        return baseDir;
    }

    private static void shutdown() {
        synchronized (KAFKA_LOCK) {
            if (kafka != null) {
                kafka.close();
            }
        }
        synchronized (POSTGRES_LOCK) {
            if (postgres != null) {
                postgres.close(); // waits if PostgreSQL's own shutdown hook is already stopping it
            }
        }
        deleteRecursively(baseDir);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.toString());
        }
    }

    // ---- delegation to the system class loader's copy ----------------------------------------------

    private static Class<?> rootCopy() {
        try {
            Class<?> root = Class.forName(SharedInfra.class.getName(), true, ClassLoader.getSystemClassLoader());
            return root == SharedInfra.class ? null : root;
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // this jar is not on the system class path: this copy is the only one
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> callRoot(String method) {
        try {
            Method m = ROOT.getDeclaredMethod(method);
            m.setAccessible(true);
            return (Map<String, String>) m.invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot reach SharedInfra in the system class loader", e);
        }
    }
}
