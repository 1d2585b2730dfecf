package io.dataflow.privatelink.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Apache Kafka broker running in this JVM: one node in KRaft combined mode (broker and
 * controller), listening on 127.0.0.1 only.
 *
 * <p>The data directory is formatted once, like {@code kafka-storage.sh format} does; a directory that
 * already holds {@code meta.properties} is reused as is (same cluster id, same topics and records).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "127.0.0.1";
    private static final String META_PROPERTIES = "meta.properties";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private KafkaRaftServer server; // null for a non-owning handle (see SharedInfra); replaced by a restart
    private final int controllerPort;
    private SecuredListener secured;
    private List<AdvertisedListener> advertised = List.of();
    private String rack;
    private boolean stopped;
    private final Path dataDir;
    private final int port;
    private final String clusterId;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, int port, int controllerPort, String clusterId,
                          Duration startupTime) {
        this.server = server;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.port = port;
        this.clusterId = clusterId;
        this.startupTime = startupTime;
    }

    /**
     * Starts a broker on {@code dataDir} (created and formatted if needed) and returns once it answers
     * requests.
     *
     * @param port the client port, 0 for a free one; the controller gets another free port
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        return start(dataDir, port, 0);
    }

    /**
     * As {@link #start(Path, int)}, with the controller on {@code controllerPortOrZero} (0: a free one). A caller
     * that picks the ports of several processes at once passes both, so none is handed out twice.
     */
    public static EmbeddedKafka start(Path dataDir, int port, int controllerPortOrZero) {
        return start(dataDir, port, controllerPortOrZero, null);
    }

    /**
     * A second listener that only speaks SASL (SCRAM-SHA-512) over TLS, beside the plaintext one (which the
     * broker itself and test set-up use): a production-like cluster for clients to prove they can reach.
     *
     * @param keyStore the broker's PKCS#12 key store (its certificate names 127.0.0.1)
     */
    public record SecuredListener(int port, Path keyStore, String password) {
    }

    /** As {@link #start(Path, int)}, with a {@link SecuredListener} as well (on another port than {@code port}). */
    public static EmbeddedKafka startWithSecuredListener(Path dataDir, int port, SecuredListener secured) {
        return start(dataDir, port, 0, secured, List.of(), null);
    }

    /**
     * A plaintext listener on 127.0.0.1:{@code port} that advertises itself as {@code advertisedHost:port}, as a
     * customer's broker behind a load balancer does: clients that ask for metadata on it learn that name.
     *
     * @param name the listener's name (upper case letters, unique on the broker)
     */
    public record AdvertisedListener(String name, int port, String advertisedHost) {
    }

    /**
     * A broker (its own listener on {@code port}, its controller on {@code controllerPort}) with these listeners as
     * well, in {@code rack}: the local stack's stand-in for a customer's Kafka.
     */
    public static EmbeddedKafka startAdvertising(Path dataDir, int port, int controllerPort, String rack,
                                                 List<AdvertisedListener> listeners) {
        return start(dataDir, port, controllerPort, null, listeners, rack);
    }

    private static EmbeddedKafka start(Path dataDir, int port, int controllerPortOrZero, SecuredListener secured) {
        return start(dataDir, port, controllerPortOrZero, secured, List.of(), null);
    }

    private static EmbeddedKafka start(Path dataDir, int port, int controllerPortOrZero, SecuredListener secured,
                                       List<AdvertisedListener> advertised, String rack) {
        long begin = System.nanoTime();
        QuietLogging.warnOnly(QuietLogging.KAFKA);
        Path dir = dataDir.toAbsolutePath();
        int brokerPort = port == 0 ? Ports.freePort() : port;
        int controllerPort = controllerPortOrZero == 0 ? Ports.freePortOtherThan(brokerPort) : controllerPortOrZero;
        while (secured != null && controllerPort == secured.port()) {
            controllerPort = Ports.freePortOtherThan(brokerPort);
        }

        // Kafka loads configured classes and plugins through the context class loader, and the threads it
        // creates inherit it. Under Quarkus that would be an application class loader holding its own
        // copy of kafka-clients, so pin it to the loader of the broker classes while starting.
        try {
            Files.createDirectories(dir);
            String clusterId = formatIfNeeded(dir);
            KafkaRaftServer server = launch(dir, brokerPort, controllerPort, secured, advertised, rack);
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            LOG.info("Kafka broker (cluster {}) ready on {}:{} in {} ms, data in {}",
                    clusterId, HOST, brokerPort, took.toMillis(), dir);
            EmbeddedKafka kafka = new EmbeddedKafka(server, dir, brokerPort, controllerPort, clusterId, took);
            kafka.secured = secured;
            kafka.advertised = List.copyOf(advertised);
            kafka.rack = rack;
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Kafka in " + dir, e);
        }
    }

    private static KafkaRaftServer launch(Path dir, int brokerPort, int controllerPort, SecuredListener secured,
                                          List<AdvertisedListener> advertised, String rack) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EmbeddedKafka.class.getClassLoader());
        try {
            KafkaConfig config = new KafkaConfig(brokerConfig(dir, brokerPort, controllerPort, secured, advertised, rack),
                    false);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
                awaitReady(brokerPort);
            } catch (RuntimeException | Error e) {
                try {
                    stop(server); // release ports, threads and the log dir lock before giving up
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            return server;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Stops the broker (clients see it go away) until {@link #startAgain()}; data stays. */
    public synchronized void stopForRestart() {
        if (server == null || closed) {
            throw new IllegalStateException("not an owned, running broker");
        }
        if (!stopped) {
            stop(server);
            stopped = true;
            LOG.info("Kafka broker on port {} stopped for a restart", port);
        }
    }

    /** Starts the broker again after {@link #stopForRestart()}: same ports, same data. */
    public synchronized void startAgain() {
        if (!stopped) {
            return;
        }
        server = launch(dataDir, port, controllerPort, secured, advertised, rack);
        stopped = false;
        LOG.info("Kafka broker on port {} started again", port);
    }

    /** A handle on a broker owned elsewhere; {@link #close()} leaves that broker running. */
    static EmbeddedKafka handle(Path dataDir, int port, String clusterId, Duration startupTime) {
        return new EmbeddedKafka(null, dataDir, port, 0, clusterId, startupTime);
    }

    /** A non-owning handle on this broker. */
    EmbeddedKafka handle() {
        return handle(dataDir, port, clusterId, startupTime);
    }

    /** {@code host:port} of the {@link SecuredListener}. */
    public String securedBootstrapServers() {
        if (secured == null) {
            throw new IllegalStateException("this broker has no secured listener");
        }
        return HOST + ":" + secured.port();
    }

    /** {@code host:port} for the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** How long {@link #start} took, from call to first successful request. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Shuts the broker down cleanly and waits for it; data stays in the data directory. Does nothing on
     * a handle (from {@link SharedInfra}).
     */
    @Override
    public synchronized void close() {
        if (closed || server == null) {
            return;
        }
        closed = true;
        if (stopped) {
            return;
        }
        long begin = System.nanoTime();
        stop(server);
        LOG.info("Kafka broker on port {} stopped in {} ms", port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    /** The broker's server.properties. Values are strings, as in the file: typed values must match exactly. */
    private static Map<String, String> brokerConfig(Path dir, int brokerPort, int controllerPort,
                                                    SecuredListener secured, List<AdvertisedListener> advertised,
                                                    String rack) {
        Map<String, Object> props = new HashMap<>();
        // single node, broker and controller in one process, static quorum of one voter
        props.put("process.roles", "broker,controller");
        props.put("node.id", NODE_ID);
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", dir.toString());
        if (secured != null) {
            String listener = "SECURED://" + HOST + ":" + secured.port();
            props.put("listeners", props.get("listeners") + "," + listener);
            props.put("advertised.listeners", props.get("advertised.listeners") + "," + listener);
            props.put("listener.security.protocol.map", props.get("listener.security.protocol.map") + ",SECURED:SASL_SSL");
            props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
            props.put("listener.name.secured.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            props.put("listener.name.secured.ssl.keystore.type", "PKCS12");
            props.put("listener.name.secured.ssl.keystore.location", secured.keyStore().toString());
            props.put("listener.name.secured.ssl.keystore.password", secured.password());
            props.put("listener.name.secured.ssl.key.password", secured.password());
        }

        for (AdvertisedListener listener : advertised) {
            props.put("listeners", props.get("listeners") + "," + listener.name() + "://" + HOST + ":" + listener.port());
            props.put("advertised.listeners", props.get("advertised.listeners") + "," + listener.name() + "://"
                    + listener.advertisedHost() + ":" + listener.port());
            props.put("listener.security.protocol.map", props.get("listener.security.protocol.map") + ","
                    + listener.name() + ":PLAINTEXT");
        }
        if (rack != null) {
            props.put("broker.rack", rack);
        }

        // one replica of everything; Kafka's defaults (3) cannot be met by one node
        props.put("default.replication.factor", 1);
        props.put("min.insync.replicas", 1);
        props.put("offsets.topic.replication.factor", 1);
        props.put("transaction.state.log.replication.factor", 1);
        props.put("transaction.state.log.min.isr", 1);
        props.put("share.coordinator.state.topic.replication.factor", 1);
        props.put("share.coordinator.state.topic.min.isr", 1);
        // fewer internal partitions (default 50): the first consumer group / transaction is much faster
        // to set up on a small machine. Must stay constant for a given data directory.
        props.put("offsets.topic.num.partitions", 5);
        props.put("transaction.state.log.num.partitions", 5);

        props.put("group.initial.rebalance.delay.ms", 0);
        props.put("auto.create.topics.enable", true);
        props.put("num.partitions", 3);
        props.put("log.retention.check.interval.ms", 10_000);

        // footprint: the log cleaner reserves 128 MiB of heap by default; threads sized for a laptop/CI box
        props.put("log.cleaner.dedupe.buffer.size", 2 * 1024 * 1024);
        props.put("num.network.threads", 2);
        props.put("num.io.threads", 2);
        props.put("background.threads", 2);

        Map<String, String> asText = new HashMap<>();
        props.forEach((key, value) -> asText.put(key, String.valueOf(value)));
        return asText;
    }

    /**
     * Formats the directory like {@code kafka-storage.sh format -t <new id> -c server.properties} with a
     * static quorum, unless it already holds {@code meta.properties}; returns the cluster id.
     */
    private static String formatIfNeeded(Path dir) throws IOException {
        Path meta = dir.resolve(META_PROPERTIES);
        if (Files.exists(meta)) {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                props.load(in);
            }
            String clusterId = props.getProperty("cluster.id");
            LOG.debug("Reusing formatted Kafka data directory {} (cluster {})", dir, clusterId);
            return clusterId;
        }
        String clusterId = Uuid.randomUuid().toString();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir.toString())
                    .setHasDynamicQuorum(false) // controller.quorum.voters is set
                    .addDirectory(dir.toString())
                    .run(); // release version defaults to the latest production metadata.version
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka data directory " + dir, e);
        }
        LOG.info("Formatted Kafka data directory {} for new cluster {}", dir, clusterId);
        return clusterId;
    }

    /** Polls describeCluster until the broker answers with itself. */
    private static void awaitReady(int brokerPort) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + brokerPort,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            await("Kafka broker on port " + brokerPort + " answering")
                    .atMost(READY_TIMEOUT)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1);
        }
    }
}
