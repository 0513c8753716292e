-- Programmes a startup completed, recorded from programs-service's events.
CREATE TABLE programme_completion (
    enrolment_id   uuid PRIMARY KEY,
    startup_id     uuid        NOT NULL,
    programme_id   uuid        NOT NULL,
    programme_code text        NOT NULL,
    programme_name text        NOT NULL,
    cohort_id      uuid        NOT NULL,
    site_code      text,
    completed_at   timestamptz NOT NULL
);
CREATE INDEX programme_completion_startup ON programme_completion (startup_id, completed_at);
