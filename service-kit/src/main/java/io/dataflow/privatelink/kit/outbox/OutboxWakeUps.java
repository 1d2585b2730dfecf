package io.dataflow.privatelink.kit.outbox;

import io.dataflow.privatelink.kit.db.DatabaseNotifications;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wakes the outbox relays once a transaction that appended events has committed: this instance's relay
 * at once, the relays of other instances on the database through a NOTIFY on
 * {@link OutboxRepository#APPENDED_CHANNEL}. The NOTIFY goes after the commit, on a connection of its own,
 * one at a time: commits that end while one is under way share the next. Sent inside the business
 * transaction instead, it would hold PostgreSQL's database-wide notify lock through that commit's WAL
 * flush, and every writing transaction would commit one after another (creates/s 299 with it, 427 without,
 * deploy/bench/RESULTS.md).
 */
@ApplicationScoped
public class OutboxWakeUps {

    /** No NOTIFY under way; 1: one under way; 2: one under way and another due when it ends. */
    private static final int IDLE = 0;
    private static final int SENDING_AND_ANOTHER_DUE = 2;

    private final OutboxRelay relay;
    private final DatabaseNotifications notifications;
    private final AtomicInteger notifyState = new AtomicInteger(IDLE);

    OutboxWakeUps(OutboxRelay relay, DatabaseNotifications notifications) {
        this.relay = relay;
        this.notifications = notifications;
    }

    /** After a commit that appended to the outbox. Never blocks. */
    public void appendCommitted() {
        relay.wakeUp();
        if (notifyState.getAndUpdate(s -> Math.min(s + 1, SENDING_AND_ANOTHER_DUE)) == IDLE) {
            notifyOthers();
        }
    }

    private void notifyOthers() {
        notifications.notify(OutboxRepository.APPENDED_CHANNEL).onComplete(sent -> {
            if (notifyState.getAndDecrement() == SENDING_AND_ANOTHER_DUE) {
                notifyOthers();
            }
        });
    }
}
