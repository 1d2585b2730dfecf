-- Issue 30: why a connection failed (a stable code beside the message) and, while it waits for acceptance,
-- when its endpoint is removed unless the service's owner accepts. Both as the worker last reported them.
ALTER TABLE connection_view ADD COLUMN worker_failure_reason text;
ALTER TABLE connection_view ADD COLUMN worker_acceptance_deadline timestamptz;
ALTER TABLE connection_history ADD COLUMN failure_reason text;
-- Rename (PATCH): the display name of the highest version wins, whatever order the request and renames arrive in.
ALTER TABLE connection_view ADD COLUMN display_name_version bigint NOT NULL DEFAULT 0;
