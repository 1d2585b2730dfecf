package io.dataflow.privatelink.contract.event;

/**
 * CloudEvents {@code type} values. Versioned: a breaking change to a payload is a new type, never an
 * edit of an existing one, so old consumers keep working while new ones migrate.
 */
public final class EventTypes {

    private static final String PREFIX = "io.dataflow.privatelink.";

    /** connection-service → workers: create the endpoint for a new connection. */
    public static final String CONNECTION_REQUESTED = PREFIX + "connection.requested.v1";
    /** connection-service → workers: remove the connection and its endpoint. */
    public static final String CONNECTION_DELETION_REQUESTED = PREFIX + "connection.deletion-requested.v1";
    /** connection-service → readers: the connection's display name changed (workers skip it: clouds keep no name). */
    public static final String CONNECTION_RENAMED = PREFIX + "connection.renamed.v1";
    /** workers → everyone: the connection's state (or its endpoint details) changed. */
    public static final String CONNECTION_STATE_CHANGED = PREFIX + "connection.state-changed.v1";
    /** workers → everyone: the endpoint is gone and the connection with it. */
    public static final String CONNECTION_DELETED = PREFIX + "connection.deleted.v1";

    /** connection-service → workers: make a private DNS zone for an attachment. */
    public static final String DOMAIN_ATTACH_REQUESTED = PREFIX + "domain.attach-requested.v1";
    /** connection-service → workers: remove an attachment's records and zone. */
    public static final String DOMAIN_DETACH_REQUESTED = PREFIX + "domain.detach-requested.v1";
    /** workers → everyone: an attachment's state, or one of its domains', changed. */
    public static final String DOMAIN_STATE_CHANGED = PREFIX + "domain.state-changed.v1";
    /** workers → everyone: an attachment's records and zone are gone. */
    public static final String DOMAIN_DETACHED = PREFIX + "domain.detached.v1";

    /** connection-service → the connection's worker (and readers): run a connectivity test from the platform's network. */
    public static final String CONNECTIVITY_TEST_REQUESTED = PREFIX + "connectivity-test.requested.v1";
    /** workers → everyone: a connectivity test's checks, each with its verdict. */
    public static final String CONNECTIVITY_TEST_COMPLETED = PREFIX + "connectivity-test.completed.v1";

    /**
     * domain-service → other dataflow services, on the compacted integration topic: the connection's
     * latest full snapshot (the API's PrivateLinkConnection with attached domains). Its deletion is a
     * tombstone typed {@link #CONNECTION_DELETED}.
     */
    public static final String CONNECTION_SNAPSHOT = PREFIX + "connection.snapshot.v1";

    private EventTypes() {
    }
}
