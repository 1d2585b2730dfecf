-- The private DNS zones a worker manages, one per attachment. The zone is found again by its name and
-- the attachment id it was created with (Route 53 CallerReference, PrivateZone ClientToken/remark), so a
-- crash between "create" and "record" never leaves a second zone.
CREATE TABLE managed_domain (
    attach_domain_id TEXT PRIMARY KEY,
    connection_id    TEXT        NOT NULL,
    request          TEXT        NOT NULL, -- the DomainAttachRequested payload (JSON)
    region           TEXT        NOT NULL, -- the platform network's region and VPC the zone is bound to
    vpc_id           TEXT        NOT NULL,
    state            TEXT        NOT NULL,
    domains          TEXT        NOT NULL, -- JSON: each domain's name, state and message
    zone_id          TEXT,
    detach_requested BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE INDEX managed_domain_by_connection ON managed_domain (connection_id);
