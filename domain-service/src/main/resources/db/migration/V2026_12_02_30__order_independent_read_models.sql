-- The read models, remade so that they are a function of the log: whatever the interleaving of the
-- request topic (connection-service) and the state topic (workers), projecting the same events gives the
-- same rows. Each producer's facts have columns of their own; what the request side says is set once
-- (a deletion or detach, once asked, stays asked), the workers' reports go by their version (a later
-- version wins, whatever order they arrive in), terminal facts (deleted, detached) absorb, and what
-- readers see (state, message, domains) is derived from those columns by fixed rules.
--
-- The old tables cannot be converted (they kept only the interleaving's outcome), so they are dropped
-- and the service projects both topics again from their beginning: it consumes under a new group
-- (domain-service.v2), and forgets the events the old projection had processed.
DROP TABLE connection_view;
DROP TABLE connection_history;
DROP TABLE attachment_view;
DROP TABLE domain_route;
DELETE FROM processed_event WHERE consumer = 'domain-service';

CREATE TABLE connection_view (
    connection_id          TEXT PRIMARY KEY,
    cluster_id             TEXT        NOT NULL,
    -- from ConnectionRequested (null until it is projected)
    display_name           TEXT,
    type                   TEXT,
    service_name           TEXT,
    service_region         TEXT,
    created_by             TEXT,
    create_time            TIMESTAMPTZ,
    -- from ConnectionDeletionRequested: the earliest request
    deletion_requested_at  TIMESTAMPTZ,
    deletion_requested_by  TEXT,
    -- from the workers' latest report, by version
    worker_version         BIGINT      NOT NULL DEFAULT -1,
    worker_time            TIMESTAMPTZ,
    worker_event_id        TEXT,
    worker_state           TEXT,
    worker_message         TEXT,
    endpoint_id            TEXT,
    az_ids                 TEXT[],
    -- from ConnectionDeleted
    deleted_at             TIMESTAMPTZ,
    -- derived: what readers see
    state                  TEXT        NOT NULL,
    message                TEXT,
    update_time            TIMESTAMPTZ,        -- the latest time of any of its events
    -- the snapshot last published (change log, integration stream); null when none is shown
    last_snapshot          TEXT,
    last_change_seq        BIGINT      NOT NULL DEFAULT 0
);

CREATE INDEX connection_view_page ON connection_view (cluster_id, create_time, connection_id)
    WHERE deleted_at IS NULL AND display_name IS NOT NULL;
CREATE INDEX connection_view_deleted ON connection_view (deleted_at) WHERE deleted_at IS NOT NULL;

-- Every state a connection went through, with its reason: one entry per event that says so.
CREATE TABLE connection_history (
    event_id      TEXT PRIMARY KEY,
    connection_id TEXT        NOT NULL,
    state         TEXT        NOT NULL,
    message       TEXT,
    change_time   TIMESTAMPTZ NOT NULL
);

CREATE INDEX connection_history_by_connection ON connection_history (connection_id, change_time, event_id);

CREATE TABLE attachment_view (
    attach_domain_id    TEXT PRIMARY KEY,
    connection_id       TEXT        NOT NULL,
    cluster_id          TEXT        NOT NULL,
    -- from DomainAttachRequested (null until it is projected)
    connection_type     TEXT,
    domain_type         TEXT,
    unique_name         TEXT,
    zone_name           TEXT,
    records             TEXT,                -- JSON: the plan's records
    created_by          TEXT,
    create_time         TIMESTAMPTZ,
    -- from DomainDetachRequested: the earliest request
    detach_requested_at TIMESTAMPTZ,
    -- from the workers' latest report, by version
    worker_version      BIGINT      NOT NULL DEFAULT -1,
    worker_time         TIMESTAMPTZ,
    worker_event_id     TEXT,
    worker_state        TEXT,
    worker_domains      TEXT,                -- JSON
    -- from DomainDetached
    detached_at         TIMESTAMPTZ,
    -- derived: what readers see
    state               TEXT        NOT NULL,
    domains             TEXT                 -- JSON: each domain's name, state and message
);

CREATE INDEX attachment_view_by_connection ON attachment_view (connection_id);

-- The host routing table for dataflow services: each attached name (usually a wildcard) and the
-- attachment that serves it, for every attachment whose request is projected and that is not gone. A
-- name re-attached elsewhere after a detach can have two rows for a while; lookups take the live one.
CREATE TABLE domain_route (
    name             TEXT NOT NULL,
    attach_domain_id TEXT NOT NULL,
    connection_id    TEXT NOT NULL,
    cluster_id       TEXT NOT NULL,
    PRIMARY KEY (name, attach_domain_id)
);

CREATE INDEX domain_route_by_attachment ON domain_route (attach_domain_id);

-- Retention: change-log rows up to here were purged, so a subscriber resuming from before it gets the
-- current snapshots again instead of a gap.
CREATE TABLE change_log_horizon (
    id            INT PRIMARY KEY CHECK (id = 1),
    purged_through BIGINT NOT NULL
);
INSERT INTO change_log_horizon VALUES (1, 0);
