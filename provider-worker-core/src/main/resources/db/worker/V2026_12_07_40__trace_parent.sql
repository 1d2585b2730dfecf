-- The trace context (W3C traceparent) of the last request about the resource (create or delete, attach or
-- detach): the reconcile pass that acts on it later works in a span of that trace, and announces the outcome
-- under it, so one trace follows a command from the API to the cloud and back. Null: not traced.
ALTER TABLE managed_endpoint ADD COLUMN trace_parent TEXT;
ALTER TABLE managed_domain ADD COLUMN trace_parent TEXT;
