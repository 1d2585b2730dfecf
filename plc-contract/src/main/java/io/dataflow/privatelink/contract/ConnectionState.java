package io.dataflow.privatelink.contract;

/** The states of a private link connection, with the names the public API uses. */
public enum ConnectionState {
    CREATING,
    PENDING_ACCEPTANCE,
    ACTIVE,
    FAILED,
    DELETING;

    /** A state the watcher still has to follow in the cloud. */
    public boolean isWatched() {
        return this == CREATING || this == PENDING_ACCEPTANCE || this == ACTIVE || this == DELETING;
    }
}
