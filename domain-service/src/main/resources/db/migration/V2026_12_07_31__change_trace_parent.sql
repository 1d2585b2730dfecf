-- The trace (W3C traceparent) of the event that made the change: the push to status subscribers is a span of it.
ALTER TABLE connection_change ADD COLUMN trace_parent TEXT;
