package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.domain.repository.ChangeLogRepository.Change;

/**
 * One item of a status stream: a connection's snapshot or deletion (with the change's sequence number as
 * its id), a heartbeat, a resync (the stream ends because the subscriber fell too far behind, and it should
 * reconnect from {@code seq}, what it last received), or token-expired (the stream ends because the
 * subscriber's token is no longer good: it reconnects from {@code seq} with a new one).
 */
public record StatusEvent(Kind kind, long seq, String connectionId, String clusterId, String snapshot) {

    public enum Kind { SNAPSHOT, DELETED, HEARTBEAT, RESYNC, TOKEN_EXPIRED }

    static final StatusEvent HEARTBEAT = new StatusEvent(Kind.HEARTBEAT, 0, null, null, null);

    static StatusEvent of(Change change) {
        return new StatusEvent(change.snapshot() == null ? Kind.DELETED : Kind.SNAPSHOT, change.seq(),
                change.connectionId(), change.clusterId(), change.snapshot());
    }

    static StatusEvent snapshot(long seq, String connectionId, String clusterId, String snapshot) {
        return new StatusEvent(Kind.SNAPSHOT, seq, connectionId, clusterId, snapshot);
    }

    static StatusEvent resync(long lastSeq) {
        return new StatusEvent(Kind.RESYNC, lastSeq, null, null, null);
    }

    static StatusEvent tokenExpired(long lastSeq) {
        return new StatusEvent(Kind.TOKEN_EXPIRED, lastSeq, null, null, null);
    }
}
