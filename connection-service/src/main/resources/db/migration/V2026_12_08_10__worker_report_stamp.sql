-- The whole stamp of the latest worker report taken (ReportStamp: version, then time, then event id), the
-- rule domain-service's read model follows too. Rows from before have none: the next report is taken.
ALTER TABLE connection ADD COLUMN worker_time TIMESTAMPTZ,
                       ADD COLUMN worker_event_id TEXT;
ALTER TABLE attached_domain ADD COLUMN worker_time TIMESTAMPTZ,
                            ADD COLUMN worker_event_id TEXT;
