-- Work is split across the instances of a worker by shard: each connection (and its attachments) belongs
-- to one of 16 shards, a function of its id written once, here, as a generated column. An instance acts
-- only on rows of the shards it leases; every write of a reconcile outcome checks the lease's epoch (the
-- fencing token) under a share lock, so an instance that lost a shard can no longer record anything in it.
ALTER TABLE managed_endpoint ADD COLUMN shard INT NOT NULL
    GENERATED ALWAYS AS ((('x' || substr(md5(connection_id), 1, 8))::bit(32)::int & 2147483647) % 16) STORED;
ALTER TABLE managed_domain ADD COLUMN shard INT NOT NULL
    GENERATED ALWAYS AS ((('x' || substr(md5(connection_id), 1, 8))::bit(32)::int & 2147483647) % 16) STORED;
CREATE INDEX managed_endpoint_by_shard ON managed_endpoint (shard);
CREATE INDEX managed_domain_by_shard ON managed_domain (shard);

-- One row per shard: who leases it, until when, and the epoch, raised by every change of owner.
CREATE TABLE reconcile_shard (
    shard      INT PRIMARY KEY,
    owner      TEXT,
    epoch      BIGINT      NOT NULL DEFAULT 0,
    expires_at TIMESTAMPTZ NOT NULL DEFAULT 'epoch'
);
INSERT INTO reconcile_shard (shard) SELECT generate_series(0, 15);

-- The instances alive (renewing within the lease time): each aims at its fair share of the shards.
CREATE TABLE reconcile_member (
    instance_id TEXT PRIMARY KEY,
    seen_at     TIMESTAMPTZ NOT NULL
);
