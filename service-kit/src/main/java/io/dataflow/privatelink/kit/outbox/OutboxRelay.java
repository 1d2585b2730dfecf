package io.dataflow.privatelink.kit.outbox;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows to Kafka, in commit order, and deletes them once Kafka has
 * acknowledged them. Delivery is at least once (a crash between ack and delete re-sends a batch):
 * consumers deduplicate by event id.
 * <p>
 * Only one relay of a service publishes at a time (a PostgreSQL advisory lock), because two relays
 * working on different rows of the same connection could reorder its events.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory-lock key shared by all relays of one database. */
    private static final long RELAY_LOCK = 0x6f7574626f78L;

    private final DataSource dataSource;
    private final Producer<String, String> producer;
    private final OutboxConfig config;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    OutboxRelay(DataSource dataSource, EventProducer eventProducer, OutboxConfig config) {
        this.dataSource = dataSource;
        this.producer = eventProducer.producer();
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (worker != null) {
            wakeUp();
            worker.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    public void wakeUp() {
        wakeUps.release();
    }

    private void run() {
        while (running) {
            try {
                int published = relayBatch();
                if (published == 0) {
                    wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Outbox relay attempt failed, retrying in %s: %s", config.retryBackoff(), e.toString());
                sleepQuietly();
            }
        }
    }

    /** Publishes one batch; returns how many events it published. */
    int relayBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int published = relayBatch(connection);
                connection.commit();
                return published;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int relayBatch(Connection connection) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        List<Long> sequences = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT seq, topic, message_key, event_id, event_type, event_source, event_subject, event_time, payload
                FROM outbox_event ORDER BY seq LIMIT ?""")) {
            select.setInt(1, config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    sequences.add(rs.getLong("seq"));
                    CloudEvent event = new CloudEvent(rs.getString("event_id"), rs.getString("event_type"),
                            rs.getString("event_source"), rs.getString("event_subject"),
                            rs.getTimestamp("event_time").toInstant(), rs.getString("payload"));
                    ProducerRecord<String, String> record = CloudEventKafka.toRecord(
                            rs.getString("topic"), rs.getString("message_key"), event);
                    acks.add(producer.send(record));
                }
            }
        }
        if (sequences.isEmpty()) {
            return 0;
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
        deletePublished(connection, sequences);
        return sequences.size();
    }

    private static void deletePublished(Connection connection, List<Long> sequences) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE seq = ANY (?)")) {
            Array array = connection.createArrayOf("bigint", sequences.toArray());
            delete.setArray(1, array);
            delete.executeUpdate();
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(config.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
