-- The cluster registry: where each cluster lives in the platform's cloud account.
CREATE TABLE cluster (
    cluster_id        TEXT PRIMARY KEY,
    project_id        TEXT   NOT NULL,
    provider          TEXT   NOT NULL,
    region            TEXT   NOT NULL,
    account_id        TEXT   NOT NULL,
    vpc_id            TEXT   NOT NULL,
    az_ids            TEXT[] NOT NULL,
    subnet_ids        TEXT[] NOT NULL, -- subnet_ids[i] is the subnet in az_ids[i]
    security_group_id TEXT   NOT NULL
);

-- The connection aggregate as far as commands need it: accepted commands, plus the state the workers
-- report (followed from their events) so that later commands are checked against the current state.
CREATE TABLE connection (
    connection_id   TEXT PRIMARY KEY,
    cluster_id      TEXT        NOT NULL REFERENCES cluster (cluster_id),
    display_name    TEXT        NOT NULL,
    type            TEXT        NOT NULL,
    service_name    TEXT        NOT NULL,
    service_region  TEXT        NOT NULL,
    state           TEXT        NOT NULL,
    message         TEXT,
    endpoint_id     TEXT,
    az_ids          TEXT[],
    created_by      TEXT        NOT NULL,
    create_time     TIMESTAMPTZ NOT NULL,
    update_time     TIMESTAMPTZ
);

CREATE INDEX connection_by_cluster ON connection (cluster_id, create_time, connection_id);
