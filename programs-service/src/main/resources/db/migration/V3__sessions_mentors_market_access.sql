-- Sessions of a cohort, each in a training room booked in sites-service (booking_id is sites-service's).
CREATE TABLE session (
    id         uuid PRIMARY KEY,
    cohort_id  uuid        NOT NULL REFERENCES cohort (id),
    title      text        NOT NULL,
    kind       text        NOT NULL,
    space_id   uuid        NOT NULL,
    booking_id uuid        NOT NULL UNIQUE,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
    created_at timestamptz NOT NULL
);
CREATE INDEX session_cohort ON session (cohort_id, starts_at);

CREATE TABLE attendance (
    session_id  uuid        NOT NULL REFERENCES session (id),
    startup_id  uuid        NOT NULL,
    present     boolean     NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (session_id, startup_id)
);

CREATE TABLE mentor (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL,
    email      text        NOT NULL UNIQUE,
    expertise  text[]      NOT NULL,
    languages  text[]      NOT NULL,
    site_codes text[]      NOT NULL,
    created_at timestamptz NOT NULL
);

-- Office hours: a slot a startup reserves; the conditional update on status makes two reservations impossible.
CREATE TABLE office_hour (
    id         uuid PRIMARY KEY,
    mentor_id  uuid        NOT NULL REFERENCES mentor (id),
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
    status     text        NOT NULL,
    startup_id uuid,
    version    bigint      NOT NULL
);
CREATE INDEX office_hour_mentor ON office_hour (mentor_id, starts_at);
