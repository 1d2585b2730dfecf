-- Read model of connections, projected from the request and state topics. Events of one connection
-- can arrive from the two topics in either order, so every column but the id may be filled late.
CREATE TABLE connection_view (
    connection_id      TEXT PRIMARY KEY,
    cluster_id         TEXT        NOT NULL,
    display_name       TEXT,
    type               TEXT,
    service_name       TEXT,
    service_region     TEXT,
    state              TEXT        NOT NULL,
    message            TEXT,
    endpoint_id        TEXT,
    az_ids             TEXT[],
    created_by         TEXT,
    create_time        TIMESTAMPTZ,
    update_time        TIMESTAMPTZ,
    -- once the user asked for deletion, only the deletion's own progress changes the state
    deletion_requested BOOLEAN     NOT NULL DEFAULT FALSE,
    -- a deleted connection stays as a tombstone so that a late event cannot bring it back
    deleted            BOOLEAN     NOT NULL DEFAULT FALSE
);

CREATE INDEX connection_view_page ON connection_view (cluster_id, create_time, connection_id) WHERE NOT deleted;

-- Every state a connection went through, with its reason.
CREATE TABLE connection_history (
    seq           BIGSERIAL PRIMARY KEY,
    connection_id TEXT        NOT NULL,
    state         TEXT        NOT NULL,
    message       TEXT,
    change_time   TIMESTAMPTZ NOT NULL
);

CREATE INDEX connection_history_by_connection ON connection_history (connection_id, seq);
