-- Migrations of every module are named V<yyyy>_<mm>_<dd>_<nn>__<what>.sql from here on, so that shared
-- scripts (these, in db/service-kit) and each service's own sort by when they were written, whatever
-- module they are in. (The first scripts, V0_x here and V1..V4 in the services, predate the rule.)

-- A row Kafka refuses for good (too large, invalid) is parked with Kafka's reason, so that it no longer
-- holds up the rows after it; an operator re-queues it once the cause is fixed (parked_at = NULL).
ALTER TABLE outbox_event ADD COLUMN parked_at TIMESTAMPTZ, ADD COLUMN park_reason TEXT;
CREATE INDEX outbox_event_queue ON outbox_event (seq) WHERE parked_at IS NULL;

-- Processed-event ids are forgotten after a while (redeliveries come within minutes).
CREATE INDEX processed_event_by_time ON processed_event (processed_at);
