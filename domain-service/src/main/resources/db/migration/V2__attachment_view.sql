-- Attached domains, projected from the request topic (attach/detach asked) and the state topic (the
-- workers' progress). The two topics are not ordered with each other, so every column but the ids may
-- be filled late, and a detached attachment stays as a tombstone so that a late event cannot revive it.
CREATE TABLE attachment_view (
    attach_domain_id TEXT PRIMARY KEY,
    connection_id    TEXT        NOT NULL,
    cluster_id       TEXT        NOT NULL,
    connection_type  TEXT,
    domain_type      TEXT,
    unique_name      TEXT,
    zone_name        TEXT,
    records          TEXT,
    state            TEXT        NOT NULL,
    domains          TEXT,
    created_by       TEXT,
    create_time      TIMESTAMPTZ,
    update_time      TIMESTAMPTZ,
    detach_requested BOOLEAN     NOT NULL DEFAULT FALSE,
    deleted          BOOLEAN     NOT NULL DEFAULT FALSE
);

CREATE INDEX attachment_view_by_connection ON attachment_view (connection_id, create_time) WHERE NOT deleted;

-- The host routing table for dataflow services: each attached name (usually a wildcard) and the
-- attachment and connection that serve it.
CREATE TABLE domain_route (
    name             TEXT PRIMARY KEY,
    attach_domain_id TEXT NOT NULL,
    connection_id    TEXT NOT NULL,
    cluster_id       TEXT NOT NULL
);

CREATE INDEX domain_route_by_attachment ON domain_route (attach_domain_id);
