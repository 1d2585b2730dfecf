-- A row without payload is a tombstone: it deletes its key from a compacted topic.
ALTER TABLE outbox_event ALTER COLUMN payload DROP NOT NULL;
