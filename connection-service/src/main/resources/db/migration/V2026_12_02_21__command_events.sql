-- The latest command event of each cluster, for read-your-writes, kept as rows of their own instead of a
-- column of the cluster: concurrent commands on one cluster then never wait for each other's commit on
-- the cluster's row. A forwarded query carries the cluster's latest committed one; rows older than an
-- hour are purged (by then domain-service has long projected them).
CREATE TABLE command_event (
    seq        BIGSERIAL PRIMARY KEY,
    cluster_id TEXT        NOT NULL,
    event_id   TEXT        NOT NULL,
    at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX command_event_latest ON command_event (cluster_id, seq DESC);
CREATE INDEX command_event_by_time ON command_event (at);

ALTER TABLE cluster DROP COLUMN last_event_id;
