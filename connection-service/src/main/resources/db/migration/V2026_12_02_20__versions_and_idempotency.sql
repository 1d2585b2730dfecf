-- Versions make the events order-independent for their readers: connection-service counts the commands
-- on each connection (carried by its events), and keeps the version of the latest worker report it
-- followed, so a report that arrives late never overwrites a newer one.
ALTER TABLE connection ADD COLUMN version BIGINT NOT NULL DEFAULT 1,
                       ADD COLUMN worker_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE attached_domain ADD COLUMN worker_version BIGINT NOT NULL DEFAULT 0;

-- Creates that carried an Idempotency-Key: the same request again gets the first one's answer.
CREATE TABLE idempotency_key (
    cluster_id      TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL, -- SHA-256 of the caller and the validated request
    connection_id   TEXT,
    response        TEXT,                 -- the first answer's body (JSON)
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cluster_id, idempotency_key)
);

CREATE INDEX idempotency_key_by_time ON idempotency_key (created_at);
