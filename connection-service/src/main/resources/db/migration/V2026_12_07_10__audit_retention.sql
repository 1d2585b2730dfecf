-- Requests refused for want of a valid token are counted per source address and minute instead of written
-- one audit row each (anyone could otherwise grow the audit trail at will). Operators query e.g.
--   SELECT minute, source, requests FROM unauthenticated_request_count ORDER BY minute DESC LIMIT 50;
CREATE TABLE unauthenticated_request_count (
    minute   TIMESTAMPTZ NOT NULL,
    source   TEXT        NOT NULL, -- the caller's address as the server sees it (the proxy's, unless forwarded)
    requests BIGINT      NOT NULL,
    PRIMARY KEY (minute, source)
);

-- The retention purge deletes by time.
CREATE INDEX audit_record_by_time ON audit_record (at);
