-- The endpoints a worker manages, one per connection of its provider. The worker records here what it
-- knows of the cloud; the cloud stays the truth, and the tag on each endpoint ties it to its row.
CREATE TABLE managed_endpoint (
    connection_id      TEXT PRIMARY KEY,
    cluster_id         TEXT        NOT NULL,
    request            TEXT        NOT NULL, -- the ConnectionRequested payload (JSON)
    state              TEXT        NOT NULL,
    message            TEXT,
    endpoint_id        TEXT,
    az_ids             TEXT[],
    deletion_requested BOOLEAN     NOT NULL DEFAULT FALSE,
    accept_deadline    TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ NOT NULL
);

CREATE INDEX managed_endpoint_by_state ON managed_endpoint (state);
