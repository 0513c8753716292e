-- btree_gist lets one exclusion constraint compare a room id (=) and a time range (&&).
-- It is a trusted extension: the database owner can create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE site ADD COLUMN expected_opening text;
ALTER TABLE site ADD COLUMN nomad_seats int CHECK (nomad_seats >= 0);

-- Spaces within a site.
CREATE TABLE space (
    id          uuid PRIMARY KEY,
    site_id     uuid        NOT NULL REFERENCES site (id),
    name        text        NOT NULL,
    type        text        NOT NULL,
    seats       int         NOT NULL CHECK (seats >= 0),
    area_m2     numeric(10, 2) CHECK (area_m2 > 0),
    bookable    boolean     NOT NULL,
    allocatable boolean     NOT NULL,
    amenities   text[]      NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL
);
CREATE INDEX space_site ON space (site_id, id);

-- Long-term hosting: seats of a space held by a startup over a period of days [start, end).
-- Capacity is checked under a lock on the site row (see AllocationService); the ranges make the check a query.
CREATE TABLE allocation (
    id             uuid PRIMARY KEY,
    site_id        uuid        NOT NULL REFERENCES site (id),
    space_id       uuid        NOT NULL REFERENCES space (id),
    startup_id     uuid        NOT NULL,
    seats          int         NOT NULL CHECK (seats > 0),
    start_date     date        NOT NULL,
    end_date       date CHECK (end_date > start_date),
    period         daterange GENERATED ALWAYS AS (daterange(start_date, end_date, '[)')) STORED,
    status         text        NOT NULL,
    application_id uuid UNIQUE,
    created_at     timestamptz NOT NULL,
    released_at    timestamptz
);
CREATE INDEX allocation_space_active ON allocation USING gist (space_id, period) WHERE status = 'ACTIVE';
CREATE INDEX allocation_site_active ON allocation USING gist (site_id, period) WHERE status = 'ACTIVE';
CREATE INDEX allocation_startup ON allocation (startup_id, id);

-- Requests that found the site full, served first come, first served.
CREATE TABLE waitlist_entry (
    id             uuid PRIMARY KEY,
    seq            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    site_id        uuid        NOT NULL REFERENCES site (id),
    space_id       uuid REFERENCES space (id),
    startup_id     uuid        NOT NULL,
    seats          int         NOT NULL CHECK (seats > 0),
    start_date     date        NOT NULL,
    end_date       date,
    application_id uuid UNIQUE,
    status         text        NOT NULL,
    allocation_id  uuid REFERENCES allocation (id),
    created_at     timestamptz NOT NULL
);
CREATE INDEX waitlist_site_waiting ON waitlist_entry (site_id, seq) WHERE status = 'WAITING';

-- Room bookings: never two confirmed bookings of one room that overlap, enforced by the database.
CREATE TABLE booking (
    id           uuid PRIMARY KEY,
    site_id      uuid        NOT NULL REFERENCES site (id),
    space_id     uuid        NOT NULL REFERENCES space (id),
    title        text        NOT NULL,
    booked_by    text        NOT NULL,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL CHECK (ends_at > starts_at),
    period       tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
    status       text        NOT NULL,
    series_id    uuid,
    created_at   timestamptz NOT NULL,
    cancelled_at timestamptz,
    version      bigint      NOT NULL,
    CONSTRAINT booking_no_overlap EXCLUDE USING gist (space_id WITH =, period WITH &&) WHERE (status = 'CONFIRMED')
);
CREATE INDEX booking_series ON booking (series_id);

-- Digital-nomad passes on a site's nomad seats, and their visits.
CREATE TABLE nomad_pass (
    id           uuid PRIMARY KEY,
    site_id      uuid        NOT NULL REFERENCES site (id),
    holder_name  text        NOT NULL,
    holder_email text        NOT NULL,
    kind         text        NOT NULL,
    valid_from   date        NOT NULL,
    valid_until  date        NOT NULL CHECK (valid_until > valid_from),
    validity     daterange GENERATED ALWAYS AS (daterange(valid_from, valid_until, '[)')) STORED,
    status       text        NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX nomad_pass_site ON nomad_pass USING gist (site_id, validity) WHERE status = 'ACTIVE';

CREATE TABLE nomad_visit (
    id             uuid PRIMARY KEY,
    pass_id        uuid        NOT NULL REFERENCES nomad_pass (id),
    site_id        uuid        NOT NULL REFERENCES site (id),
    checked_in_at  timestamptz NOT NULL,
    checked_out_at timestamptz
);
CREATE UNIQUE INDEX nomad_visit_open ON nomad_visit (pass_id) WHERE checked_out_at IS NULL;
