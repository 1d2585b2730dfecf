-- The id of the last event a command on the cluster emitted. Queries forwarded to domain-service carry
-- it, and domain-service answers once it has projected that event: read-your-writes across services.
ALTER TABLE cluster ADD COLUMN last_event_id TEXT;
