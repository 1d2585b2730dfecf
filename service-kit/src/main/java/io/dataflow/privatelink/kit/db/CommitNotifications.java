package io.dataflow.privatelink.kit.db;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A NOTIFY on a channel after a commit, on a connection of its own, one at a time per channel: commits
 * that end while one is under way share the next. Sent inside the writing transaction instead, it would
 * hold PostgreSQL's database-wide notify lock through that commit's WAL flush, and every writing
 * transaction would commit one after another (creates/s 299 with it, 427 without, deploy/bench/RESULTS.md).
 */
@ApplicationScoped
public class CommitNotifications {

    /** No NOTIFY under way; 1: one under way; 2: one under way and another due when it ends. */
    private static final int IDLE = 0;
    private static final int SENDING_AND_ANOTHER_DUE = 2;

    private final DatabaseNotifications notifications;
    private final Map<String, AtomicInteger> states = new ConcurrentHashMap<>();

    CommitNotifications(DatabaseNotifications notifications) {
        this.notifications = notifications;
    }

    /** After a commit that listeners of {@code channel} should hear of. Never blocks. */
    public void committed(String channel) {
        AtomicInteger state = states.computeIfAbsent(channel, c -> new AtomicInteger(IDLE));
        if (state.getAndUpdate(s -> Math.min(s + 1, SENDING_AND_ANOTHER_DUE)) == IDLE) {
            send(channel, state);
        }
    }

    private void send(String channel, AtomicInteger state) {
        notifications.notify(channel).onComplete(sent -> {
            if (state.getAndDecrement() == SENDING_AND_ANOTHER_DUE) {
                send(channel, state);
            }
        });
    }
}
