-- The connectivity test running on a connection, if any: one at a time per connection. Cleared when the worker's
-- completion arrives; a test older than plc.connectivity-tests.running-limit no longer blocks the next one.
ALTER TABLE connection ADD COLUMN connectivity_test_id TEXT,
                       ADD COLUMN connectivity_test_time TIMESTAMPTZ;
