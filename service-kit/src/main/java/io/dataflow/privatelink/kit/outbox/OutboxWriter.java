package io.dataflow.privatelink.kit.outbox;

import io.dataflow.privatelink.contract.event.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Appends events to the outbox inside the caller's transaction: the business change and its events
 * commit or roll back together (no dual write). The relay publishes them once committed.
 */
@ApplicationScoped
public class OutboxWriter {

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    OutboxWriter(DataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, CloudEvent event) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO outbox_event
                       (topic, message_key, event_id, event_type, event_source, event_subject, event_time, payload)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, topic);
            insert.setString(2, event.subject());
            insert.setString(3, event.id());
            insert.setString(4, event.type());
            insert.setString(5, event.source());
            insert.setString(6, event.subject());
            insert.setTimestamp(7, Timestamp.from(event.time()));
            insert.setString(8, event.data());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append event to the outbox", e);
        }
        wakeRelayAfterCommit();
    }

    /** Publishing right after commit keeps latency low; the relay's polling is only the safety net. */
    private void wakeRelayAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
