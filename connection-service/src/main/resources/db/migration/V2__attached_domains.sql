-- Domains attached to connections. A unique name belongs to one connection at a time: the unique
-- index refuses a second attachment even when two requests race.
CREATE TABLE attached_domain (
    attach_domain_id TEXT PRIMARY KEY,
    connection_id    TEXT        NOT NULL REFERENCES connection (connection_id) ON DELETE CASCADE,
    cluster_id       TEXT        NOT NULL,
    connection_type  TEXT        NOT NULL,
    domain_type      TEXT        NOT NULL,
    unique_name      TEXT        NOT NULL,
    zone_name        TEXT        NOT NULL,
    records          TEXT        NOT NULL, -- JSON: the plan's records
    state            TEXT        NOT NULL,
    domains          TEXT        NOT NULL, -- JSON: each domain's name, state and message
    created_by       TEXT        NOT NULL,
    create_time      TIMESTAMPTZ NOT NULL,
    update_time      TIMESTAMPTZ
);

CREATE UNIQUE INDEX attached_domain_zone ON attached_domain (zone_name);
CREATE INDEX attached_domain_by_connection ON attached_domain (connection_id, create_time);
