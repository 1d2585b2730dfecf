-- Who did what, when, and how it ended: one row per command (create, delete, attach, detach), accepted
-- or refused, and per refused authentication. Operators query it with SQL, e.g.
--   SELECT at, subject, action, cluster_id, target, outcome, code, message FROM audit_record
--   WHERE cluster_id = '…' ORDER BY seq DESC LIMIT 50;
CREATE TABLE audit_record (
    seq        BIGSERIAL PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL,
    subject    TEXT,                 -- the token's subject; null when the caller was not authenticated
    action     TEXT        NOT NULL, -- e.g. "POST /v1beta1/clusters/{clusterId}/privateLinkConnections"
    cluster_id TEXT,
    target     TEXT,                 -- the connection the command named, when it named one
    outcome    TEXT        NOT NULL, -- ACCEPTED or REFUSED
    http_status INT        NOT NULL,
    code       INT,                  -- the google.rpc code of a refusal
    message    TEXT
);

CREATE INDEX audit_record_by_cluster ON audit_record (cluster_id, seq);
CREATE INDEX audit_record_by_subject ON audit_record (subject, seq);
