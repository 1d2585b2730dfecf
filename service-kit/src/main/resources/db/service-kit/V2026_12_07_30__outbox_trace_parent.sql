-- The trace context (W3C traceparent) of the change that appended the row: the relay publishes the event as a
-- child of it, so one trace follows a command across every Kafka hop. Null: no trace (a background change).
ALTER TABLE outbox_event ADD COLUMN trace_parent TEXT;
