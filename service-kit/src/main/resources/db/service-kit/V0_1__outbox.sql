-- Transactional outbox: events are written here in the same transaction as the state change that
-- caused them, and relayed to Kafka afterwards, so a crash can never publish one without the other.
CREATE TABLE outbox_event (
    seq           BIGSERIAL PRIMARY KEY,
    topic         TEXT        NOT NULL,
    message_key   TEXT        NOT NULL,
    event_id      TEXT        NOT NULL UNIQUE,
    event_type    TEXT        NOT NULL,
    event_source  TEXT        NOT NULL,
    event_subject TEXT        NOT NULL,
    event_time    TIMESTAMPTZ NOT NULL,
    payload       TEXT        NOT NULL
);

-- Consumer-side log of processed event ids: redelivered events are recognised and skipped.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
