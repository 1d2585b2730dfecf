package io.dataflow.privatelink.domain;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.domain.service.StatusSubscriptions;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.testing.CpuTime;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * Read-side figures (run with {@code deploy/bench/read-side}, which raises the open-files limit the
 * 20,000 streams need); they print and assert nothing.
 *
 * <p>Projection: {@value #CONNECTIONS} connections' request and state change are produced, and the time
 * from the first send until every one is projected (after warm-up rounds of the same work) is set beside a
 * plain Kafka consumer reading exactly the same offset range of the same two topics, beside one that
 * also writes each poll's records into a table, and beside the floor: a consumer that writes the rows a
 * projection writes for those records (and nothing else), in the same run. Fan-out: N Server-Sent Events
 * subscribers of one cluster, opened by {@link FanOutClients} in a process of its own (so this JVM's heap
 * is the server's alone), and the latency from sending one change to Kafka until each stream saw it.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
@QuarkusTestResource(DomainServiceTokens.class)
class ReadSideBenchmark {

    private static final int CONNECTIONS = 15_000;
    private static final List<String> TOPICS = List.of(Topics.CONNECTION_REQUESTS, Topics.CONNECTION_STATE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URI base;

    @Inject
    StatusSubscriptions subscriptions;

    @Test
    void projectionThroughputBesideAPlainKafkaConsumer() {
        // The same work unmeasured first, on both sides, so that what is measured is compiled code and not
        // the JIT (a cold round spends twice the projection's CPU time in the compiler threads).
        int warmUpRounds = Integer.getInteger("bench.warm-up-rounds", 2);
        for (int round = 0; round < warmUpRounds; round++) {
            Map<TopicPartition, Long> from = endOffsets();
            projectRound();
            read(from, endOffsets());
        }
        Map<TopicPartition, Long> from = endOffsets();
        CpuTime projectionCpu = CpuTime.now();
        double projectionSeconds = projectRound();
        projectionCpu = CpuTime.now().minus(projectionCpu);
        int events = 2 * CONNECTIONS;
        Map<TopicPartition, Long> to = endOffsets();

        CpuTime consumerCpu = CpuTime.now();
        long consumerStarted = System.nanoTime();
        long read = read(from, to);
        double consumerSeconds = (System.nanoTime() - consumerStarted) / 1e9;
        consumerCpu = CpuTime.now().minus(consumerCpu);

        // The second baseline: the same records written as they are into one table, a statement and a
        // commit per poll, through the service's own stack (what the projection's writes are set against).
        Sql.execute("CREATE TABLE IF NOT EXISTS bench_event (event_key TEXT, event_value TEXT)");
        read(from, to, BATCH_INSERT);
        CpuTime writerCpu = CpuTime.now();
        long writerStarted = System.nanoTime();
        long written = read(from, to, BATCH_INSERT);
        double writerSeconds = (System.nanoTime() - writerStarted) / 1e9;
        writerCpu = CpuTime.now().minus(writerCpu);

        // The floor: the rows a projection has to write for these events (inbox id, history, the connection's
        // row, change log, integration outbox), each table a copy of the real one with its indexes, one
        // multi-row statement per table and one commit per poll, straight from the records: no decoding, no
        // rules, no reads, no relay. No projection that writes these rows on this stack can cost less. The
        // bare floor leaves out the inbox and the outbox too (as if dedupe were by offset and the integration
        // stream were relayed from the change log): history, rows and change log are what readers query.
        Measured floor = measure(from, to, floor(true));
        Measured bareFloor = measure(from, to, floor(false));

        System.out.printf("%nPROJECTION %,d events (%,d connections x request + state change; after %d warm-up"
                + " rounds of the same)%n", events, CONNECTIONS, warmUpRounds);
        System.out.printf("  domain-service, first send to all projected: %.2f s = %,.0f events/s (read model, history,"
                + " change log, integration outbox; one transaction per poll)%n", projectionSeconds, events / projectionSeconds);
        System.out.printf("  plain Kafka consumer, same offset range: %,d records in %.2f s = %,.0f records/s%n", read,
                consumerSeconds, read / consumerSeconds);
        System.out.printf("  plain consumer writing each record into one table (one insert and commit per poll):"
                + " %,d records in %.2f s = %,.0f records/s%n", written, writerSeconds, written / writerSeconds);
        System.out.printf("  floor, the rows a projection writes (inbox, history, connection row, change log, outbox;"
                + " one statement per table and a commit per poll, no decoding or reads): %s%n", floor);
        System.out.printf("  bare floor (history, connection row and change log only): %s%n", bareFloor);
        System.out.printf("  ratio projection / plain consumer: %.2f; projection / plain consumer writing: %.2f;"
                        + " projection / floor: %.2f; floor / plain consumer: %.2f; bare floor / plain consumer: %.2f%n",
                (events / projectionSeconds) / (read / consumerSeconds),
                (events / projectionSeconds) / (written / writerSeconds),
                (events / projectionSeconds) / floor.rate(), floor.rate() / (read / consumerSeconds),
                bareFloor.rate() / (read / consumerSeconds));
        System.out.printf("  CPU per event (%d cores): projection: this JVM %.0f us (producer, broker and service"
                        + " together), PostgreSQL %.0f us; plain consumer: this JVM %.0f us (broker included);"
                        + " writing: this JVM %.0f us, PostgreSQL %.0f us%n",
                Runtime.getRuntime().availableProcessors(),
                projectionCpu.jvmMicros() / events, projectionCpu.postgresMicros() / events,
                consumerCpu.jvmMicros() / read, writerCpu.jvmMicros() / written, writerCpu.postgresMicros() / written);
    }

    /**
     * Sends {@value #CONNECTIONS} connections' request and state change and waits until all are projected;
     * returns the seconds from the first send.
     */
    private double projectRound() {
        String cluster = "bench-" + UUID.randomUUID();
        long started = System.nanoTime();
        String last = null;
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sends = new ArrayList<>(2 * CONNECTIONS);
            for (int i = 0; i < CONNECTIONS; i++) {
                String id = ConnectionIds.newId();
                sends.add(producer.send(record(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id,
                        requested(cluster, id))));
                sends.add(producer.send(record(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id,
                        new ConnectionStateChanged(id, cluster, ConnectionState.PENDING_ACCEPTANCE, null, "vpce-0b",
                                List.of("use1-az1"), now(), TestVersions.next()))));
                last = id;
            }
            acknowledged(sends);
        }
        // The last connection sent first (one row by its key), then all of them: counting the cluster's
        // rows every poll from the start would be a fifth of what PostgreSQL does in the measured time.
        String lastSent = last;
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> Sql.count("SELECT count(*) FROM connection_view WHERE connection_id = ?1"
                        + " AND display_name IS NOT NULL AND state = 'PENDING_ACCEPTANCE'", lastSent) == 1);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> Sql.count("SELECT count(*) FROM connection_view WHERE cluster_id = ?1 AND deleted_at IS NULL"
                        + " AND display_name IS NOT NULL AND state = 'PENDING_ACCEPTANCE'", cluster) == CONNECTIONS);
        return (System.nanoTime() - started) / 1e9;
    }

    /** Descriptors a JVM holds besides its subscribers' sockets: jars, Kafka, PostgreSQL, epoll. */
    private static final int FILES_BESIDE_SUBSCRIBERS = 2_000;

    /** Streams per HTTP/2 connection when the subscribers are multiplexed (below the server's limit). */
    private static final int STREAMS_PER_CONNECTION = 500;

    /** A size of the fan-out: how many subscribers, and how many streams share one TCP connection. */
    private record FanOut(int subscribers, int streamsPerConnection) {
        int connections() {
            return (subscribers + streamsPerConnection - 1) / streamsPerConnection;
        }

        String transport() {
            return streamsPerConnection == 1 ? "HTTP/1.1, one connection each"
                    : String.format("HTTP/2, %,d streams on each of %,d connections", streamsPerConnection, connections());
        }
    }

    @Test
    void fanOutOfOneChangeToManySubscribers() throws Exception {
        warmUp();
        System.out.printf("%nFAN-OUT (one cluster's stream, one change, clients in another process)%n");
        long openFiles = ((com.sun.management.UnixOperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        for (FanOut size : List.of(new FanOut(1_000, 1), new FanOut(1_000, STREAMS_PER_CONNECTION),
                new FanOut(20_000, STREAMS_PER_CONNECTION), new FanOut(20_000, 1))) {
            // One TCP connection per subscriber over HTTP/1.1, on each side; beyond the limit the JVM dies of it.
            if (size.connections() + FILES_BESIDE_SUBSCRIBERS > openFiles) {
                System.out.printf("  %,6d subscribers (%s): not run; this machine allows %,d open files per"
                        + " process and each side needs ~%,d (raise the hard limit: ulimit -Hn)%n", size.subscribers(),
                        size.transport(), openFiles, size.connections() + FILES_BESIDE_SUBSCRIBERS);
                continue;
            }
            fanOut(size);
        }
    }

    private void fanOut(FanOut size) throws Exception {
        int subscribers = size.subscribers();
        String cluster = "fan-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, requested(cluster, id));
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count("SELECT count(*) FROM connection_view"
                + " WHERE connection_id = ?1 AND display_name IS NOT NULL", id) == 1);

        long heapBefore = usedHeap();
        URI watch = base.resolve("/v1beta1/clusters/" + cluster + "/privateLinkConnections:watch");
        Process clients = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), FanOutClients.class.getName(),
                watch.toString(), Integer.toString(subscribers), "CREATING", "PENDING_ACCEPTANCE",
                Integer.toString(size.streamsPerConnection()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8));
            Writer in = new OutputStreamWriter(clients.getOutputStream(), StandardCharsets.UTF_8);
            long opening = System.nanoTime();
            String ready = out.readLine();
            if (ready == null || !ready.startsWith("READY")) {
                throw new AssertionError("subscribers did not open: " + ready);
            }
            double openSeconds = (System.nanoTime() - opening) / 1e9;
            await().atMost(Duration.ofMinutes(1)).until(() -> subscriptions.subscribers() >= subscribers);
            long heapHeld = usedHeap() - heapBefore;
            int held = subscriptions.subscribers();

            long sentAt = epochMicros();
            send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id, new ConnectionStateChanged(id, cluster,
                    ConnectionState.PENDING_ACCEPTANCE, null, "vpce-0c", List.of("use1-az1"), now(), TestVersions.next()));
            in.write("GO " + sentAt + "\n");
            in.flush();
            String[] arrivals = out.readLine().split(" ", -1);
            System.out.printf("  %,6d subscribers (%s): held %,d; opened in %.1f s; the change reached %s of them,"
                            + " p50 %s ms, p99 %s ms, max %s ms (from the Kafka send, projection included);"
                            + " server heap held %.1f MB = %.1f KB per subscriber%n",
                    subscribers, size.transport(), held, openSeconds, arrivals[1], arrivals[2], arrivals[3], arrivals[4],
                    heapHeld / 1e6, heapHeld / 1e3 / subscribers);
            in.write("STOP\n");
            in.flush();
        } finally {
            clients.destroy();
            clients.waitFor(1, TimeUnit.MINUTES);
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> subscriptions.subscribers() == 0);
    }

    /** JIT and connection pools warm before anything is timed. */
    private void warmUp() {
        String cluster = "warm-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sends = new ArrayList<>(2_000);
            for (int i = 0; i < 2_000; i++) {
                String id = ConnectionIds.newId();
                sends.add(producer.send(record(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id,
                        requested(cluster, id))));
            }
            acknowledged(sends);
        }
        await().atMost(Duration.ofMinutes(5)).until(() ->
                Sql.count("SELECT count(*) FROM connection_view WHERE cluster_id = ?1", cluster) == 2_000);
        read(endOffsets(), endOffsets());
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer));
        }
    }

    /** What a baseline does with a poll's records in the range: nothing, or write them into a table. */
    private interface PollHandler {
        void handle(List<ConsumerRecord<String, String>> records);
    }

    private static final PollHandler BATCH_INSERT = records -> Sql.execute("""
                    INSERT INTO bench_event (event_key, event_value)
                    SELECT * FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]))""",
            records.stream().map(ConsumerRecord::key).toArray(String[]::new),
            records.stream().map(ConsumerRecord::value).toArray(String[]::new));

    /** A baseline's records per second, and its CPU per record. */
    private record Measured(long records, double seconds, CpuTime cpu) {
        double rate() {
            return records / seconds;
        }

        @Override
        public String toString() {
            return String.format("%,d records in %.2f s = %,.0f records/s (CPU per record: this JVM %.0f us,"
                    + " PostgreSQL %.0f us)", records, seconds, rate(), cpu.jvmMicros() / records,
                    cpu.postgresMicros() / records);
        }
    }

    /** The handler over the range once unmeasured, then measured, each time into empty floor tables. */
    private Measured measure(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, PollHandler handler) {
        emptyFloorTables();
        read(from, to, handler);
        emptyFloorTables();
        CpuTime cpu = CpuTime.now();
        long started = System.nanoTime();
        long records = read(from, to, handler);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Measured(records, seconds, CpuTime.now().minus(cpu));
    }

    /** Empty copies of the tables a projected event is written to, with the same columns, defaults and indexes. */
    private static void emptyFloorTables() {
        // (no notice for a table not there yet: the driver logs each as a warning)
        List<Sql.Statement> statements = new ArrayList<>(List.of(new Sql.Statement("SET LOCAL client_min_messages = warning")));
        for (String table : List.of("processed_event", "connection_history", "connection_view", "connection_change",
                "outbox_event")) {
            statements.add(new Sql.Statement("DROP TABLE IF EXISTS floor_" + table));
            statements.add(new Sql.Statement("CREATE TABLE floor_" + table + " (LIKE " + table + " INCLUDING ALL)"));
        }
        Sql.executeAll(statements);
    }

    /**
     * A poll's records written as a projection writes them, in one transaction: each event's history entry and
     * change-log entry, each connection's row (inserted or updated), with the record's value standing in for
     * the snapshot; and with {@code inboxAndOutbox}, each event's id and integration event too.
     */
    private static PollHandler floor(boolean inboxAndOutbox) {
        return records -> {
            String[] ids = records.stream().map(r -> new String(r.headers().lastHeader(CloudEventKafka.ID).value(),
                    StandardCharsets.UTF_8)).toArray(String[]::new);
            String[] keys = records.stream().map(ConsumerRecord::key).toArray(String[]::new);
            String[] values = records.stream().map(ConsumerRecord::value).toArray(String[]::new);
            List<Sql.Statement> statements = new ArrayList<>();
            if (inboxAndOutbox) {
                statements.add(new Sql.Statement("""
                        INSERT INTO floor_processed_event (consumer, event_id)
                        SELECT 'floor', id FROM unnest(CAST(?1 AS text[])) AS r(id)""", (Object) ids));
            }
            statements.add(new Sql.Statement("""
                    INSERT INTO floor_connection_history (event_id, connection_id, state, change_time)
                    SELECT id, key, 'PENDING_ACCEPTANCE', now()
                    FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[])) AS r(id, key)""", ids, keys));
            statements.add(new Sql.Statement("""
                    INSERT INTO floor_connection_view (connection_id, cluster_id, display_name, create_time, state,
                                                       update_time, last_snapshot)
                    SELECT DISTINCT ON (key) key, 'floor', key, now(), 'PENDING_ACCEPTANCE', now(), value
                    FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[])) WITH ORDINALITY AS r(key, value, n)
                    ORDER BY key, n DESC
                    ON CONFLICT (connection_id) DO UPDATE SET state = excluded.state,
                      update_time = excluded.update_time, last_snapshot = excluded.last_snapshot""", keys, values));
            statements.add(new Sql.Statement("""
                    INSERT INTO floor_connection_change (connection_id, cluster_id, snapshot, change_time)
                    SELECT key, 'floor', value, now()
                    FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[])) AS r(key, value)""", keys, values));
            if (inboxAndOutbox) {
                statements.add(new Sql.Statement("""
                        INSERT INTO floor_outbox_event (topic, message_key, event_id, event_type, event_source,
                                                        event_subject, event_time, payload)
                        SELECT 'floor', key, gen_random_uuid()::text, 'floor', 'floor', key, now(), value
                        FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[])) AS r(key, value)""", keys, values));
            }
            Sql.executeAll(statements);
        };
    }

    private long read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        return read(from, to, records -> {
        });
    }

    private long read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, PollHandler handler) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>(from.keySet());
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, from.get(p)));
            long read = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < to.get(p))) {
                List<ConsumerRecord<String, String>> inRange = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < to.get(partition)) {
                        inRange.add(record);
                    }
                }
                if (!inRange.isEmpty()) {
                    handler.handle(inRange);
                }
                read += inRange.size();
            }
            return read;
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    private KafkaConsumer<String, String> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        return new KafkaConsumer<>(properties);
    }

    private KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(properties);
    }

    /** Waits until Kafka has acknowledged every send; fails on the first it refused. */
    private static void acknowledged(List<Future<RecordMetadata>> sends) {
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(2, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka's acknowledgements", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take a benchmark event", e);
        }
    }

    private static ProducerRecord<String, String> record(String topic, String type, String id, Object payload) {
        return CloudEventKafka.toRecord(topic, id, CloudEvent.of(type, "/bench", id, now(), payload));
    }

    private void send(String topic, String type, String id, Object payload) {
        TopicProbe.send(bootstrapServers, record(topic, type, id, payload));
    }

    private static ConnectionRequested requested(String cluster, String id) {
        ClusterPlacement placement = new ClusterPlacement(cluster, "p", CloudProvider.AWS, "us-east-1", "111111111111",
                "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        return new ConnectionRequested(id, cluster, "bench", ConnectionType.AWS_ENDPOINT_SERVICE,
                "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "us-east-1", "bench", now(), placement, TestVersions.next());
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
