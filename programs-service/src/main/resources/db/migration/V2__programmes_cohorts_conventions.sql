-- programs-service's own copy of each startup's stage and status, fed by startups-service's events:
-- eligibility is checked against it, never by a synchronous call.
CREATE TABLE startup_replica (
    id             uuid PRIMARY KEY,
    kind           text        NOT NULL,
    brand_name     text        NOT NULL,
    sector         text        NOT NULL,
    stage          text        NOT NULL,
    status         text        NOT NULL,
    home_site_code text,
    version        bigint      NOT NULL,
    updated_at     timestamptz NOT NULL
);

CREATE TABLE partner (
    id            uuid PRIMARY KEY,
    name          text        NOT NULL UNIQUE,
    kind          text        NOT NULL,
    contact_email text,
    created_at    timestamptz NOT NULL,
    version       bigint      NOT NULL
);

CREATE TABLE convention (
    id                   uuid PRIMARY KEY,
    title                text        NOT NULL,
    object               text        NOT NULL,
    site_code            text,
    signature_date       date,
    start_date           date        NOT NULL,
    end_date             date CHECK (end_date > start_date),
    budget_mad           numeric(18, 2) CHECK (budget_mad >= 0),
    target_beneficiaries int CHECK (target_beneficiaries >= 0),
    created_at           timestamptz NOT NULL,
    version              bigint      NOT NULL
);

CREATE TABLE convention_party (
    convention_id uuid NOT NULL REFERENCES convention (id),
    partner_id    uuid NOT NULL REFERENCES partner (id),
    PRIMARY KEY (convention_id, partner_id)
);

CREATE TABLE programme (
    id              uuid PRIMARY KEY,
    code            text        NOT NULL UNIQUE,
    name_fr         text        NOT NULL,
    name_ar         text,
    name_en         text,
    description_fr  text,
    description_ar  text,
    description_en  text,
    kind            text        NOT NULL,
    duration_months int         NOT NULL CHECK (duration_months BETWEEN 1 AND 60),
    eligible_stages text[]      NOT NULL,
    site_codes      text[]      NOT NULL DEFAULT '{}',
    status          text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL
);

-- Conventions that fund a programme: its beneficiaries are credited to them.
CREATE TABLE programme_funding (
    programme_id  uuid NOT NULL REFERENCES programme (id),
    convention_id uuid NOT NULL REFERENCES convention (id),
    PRIMARY KEY (programme_id, convention_id)
);

CREATE TABLE cohort (
    id           uuid PRIMARY KEY,
    programme_id uuid        NOT NULL REFERENCES programme (id),
    name         text        NOT NULL,
    site_code    text        NOT NULL,
    start_date   date        NOT NULL,
    end_date     date        NOT NULL CHECK (end_date > start_date),
    capacity     int         NOT NULL CHECK (capacity > 0),
    status       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    version      bigint      NOT NULL
);
CREATE INDEX cohort_programme ON cohort (programme_id);

CREATE TABLE enrolment (
    id         uuid PRIMARY KEY,
    cohort_id  uuid        NOT NULL REFERENCES cohort (id),
    startup_id uuid        NOT NULL,
    status     text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version    bigint      NOT NULL,
    UNIQUE (cohort_id, startup_id)
);
CREATE INDEX enrolment_startup ON enrolment (startup_id);
