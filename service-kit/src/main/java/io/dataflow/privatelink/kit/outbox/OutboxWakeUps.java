package io.dataflow.privatelink.kit.outbox;

import io.dataflow.privatelink.kit.db.CommitNotifications;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Wakes the outbox relays once a transaction that appended events has committed: this instance's relay
 * at once, the relays of other instances on the database through a NOTIFY on
 * {@link OutboxRepository#APPENDED_CHANNEL}, sent after the commit ({@link CommitNotifications}).
 */
@ApplicationScoped
public class OutboxWakeUps {

    private final OutboxRelay relay;
    private final CommitNotifications notifications;

    OutboxWakeUps(OutboxRelay relay, CommitNotifications notifications) {
        this.relay = relay;
        this.notifications = notifications;
    }

    /** After a commit that appended to the outbox. Never blocks. */
    public void appendCommitted() {
        relay.wakeUp();
        notifications.committed(OutboxRepository.APPENDED_CHANNEL);
    }
}
