-- Connectivity tests this worker is asked to run (connectivity-test.requested.v1), in the shard of their connection:
-- the instance leasing it runs them off the reconcile pass. A test is marked completed in the transaction that writes
-- its result to the outbox, so a crash mid-test runs it again and its result is announced once.
CREATE TABLE connectivity_test (
    test_id       TEXT PRIMARY KEY,
    connection_id TEXT        NOT NULL,
    request       TEXT        NOT NULL, -- the ConnectivityTestRequested payload (JSON)
    requested_at  TIMESTAMPTZ NOT NULL,
    completed_at  TIMESTAMPTZ,
    trace_parent  TEXT,
    shard         INT         NOT NULL
        GENERATED ALWAYS AS ((('x' || substr(md5(connection_id), 1, 8))::bit(32)::int & 2147483647) % 16) STORED
);

CREATE INDEX connectivity_test_pending ON connectivity_test (shard, requested_at) WHERE completed_at IS NULL;
