-- What the test consumer of service-kit's own tests does with an event: one row per application.
CREATE TABLE applied_event (
    seq        BIGSERIAL PRIMARY KEY,
    event_id   TEXT NOT NULL,
    connection TEXT NOT NULL
);
