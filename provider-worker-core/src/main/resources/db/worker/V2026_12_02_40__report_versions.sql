-- Each report a worker publishes carries the version of its row: one more with every recorded outcome,
-- so that readers keep the newest report whatever order the reports reach them in.
ALTER TABLE managed_endpoint ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE managed_domain ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
