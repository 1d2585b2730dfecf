-- Every change of a connection's snapshot, in commit order (inserts take a transaction-scoped advisory
-- lock, so a higher seq never commits before a lower one). seq is the id of a status subscription's
-- events: a subscriber that reconnects with Last-Event-ID resumes right after what it saw.
CREATE TABLE connection_change (
    seq           BIGSERIAL PRIMARY KEY,
    connection_id TEXT        NOT NULL,
    cluster_id    TEXT        NOT NULL,
    snapshot      TEXT,                  -- JSON of the API's PrivateLinkConnection; null once deleted
    change_time   TIMESTAMPTZ NOT NULL
);

CREATE INDEX connection_change_by_cluster ON connection_change (cluster_id, seq);
CREATE INDEX connection_change_by_connection ON connection_change (connection_id, seq);
