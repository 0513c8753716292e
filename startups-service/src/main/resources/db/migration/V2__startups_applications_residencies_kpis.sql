-- Accent-insensitive name search: unaccent is not IMMUTABLE, so it is wrapped to be indexable.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE OR REPLACE FUNCTION search_text(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

-- Beneficiaries: incorporated startups, project holders and digital nomads.
CREATE TABLE startup (
    id             uuid PRIMARY KEY,
    kind           text        NOT NULL,
    legal_name     text,
    brand_name     text        NOT NULL,
    ice            text UNIQUE CHECK (ice ~ '^[0-9]{15}$'),
    rc_number      text,
    legal_form     text,
    sector         text        NOT NULL,
    stage          text        NOT NULL,
    status         text        NOT NULL,
    founding_date  date,
    founders       text        NOT NULL,
    home_site_code text,
    description_fr text,
    description_ar text,
    description_en text,
    website        text,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        bigint      NOT NULL
);
CREATE INDEX startup_search ON startup USING gin (search_text(brand_name || ' ' || coalesce(legal_name, '')) gin_trgm_ops);
CREATE INDEX startup_sector ON startup (sector, id);
CREATE INDEX startup_site ON startup (home_site_code, id);

-- Incubation applications and their reviews.
CREATE TABLE application (
    id              uuid PRIMARY KEY,
    startup_id      uuid        NOT NULL REFERENCES startup (id),
    site_code       text        NOT NULL,
    seats           int         NOT NULL CHECK (seats > 0),
    start_date      date,
    motivation      text,
    status          text        NOT NULL,
    hosting         text,
    decision_reason text,
    decided_by      text,
    decided_at      timestamptz,
    submitted_at    timestamptz,
    created_at      timestamptz NOT NULL,
    version         bigint      NOT NULL
);
CREATE INDEX application_startup ON application (startup_id, id);

CREATE TABLE review (
    id             uuid PRIMARY KEY,
    application_id uuid        NOT NULL REFERENCES application (id),
    reviewer       text        NOT NULL,
    innovation     int         NOT NULL CHECK (innovation BETWEEN 1 AND 5),
    team           int         NOT NULL CHECK (team BETWEEN 1 AND 5),
    market         int         NOT NULL CHECK (market BETWEEN 1 AND 5),
    impact         int         NOT NULL CHECK (impact BETWEEN 1 AND 5),
    comment        text,
    created_at     timestamptz NOT NULL,
    UNIQUE (application_id, reviewer)
);

-- Residencies, started by the admission saga when the site has allocated the seats.
CREATE TABLE residency (
    id             uuid PRIMARY KEY,
    application_id uuid        NOT NULL UNIQUE REFERENCES application (id),
    startup_id     uuid        NOT NULL REFERENCES startup (id),
    site_code      text        NOT NULL,
    allocation_id  uuid,
    seats          int         NOT NULL,
    status         text        NOT NULL,
    admitted_at    timestamptz NOT NULL,
    ended_at       timestamptz,
    version        bigint      NOT NULL
);
CREATE INDEX residency_site ON residency (site_code, status);

-- Quarterly KPI reports, one per startup and period.
CREATE TABLE kpi_report (
    id            uuid PRIMARY KEY,
    startup_id    uuid           NOT NULL REFERENCES startup (id),
    year          int            NOT NULL,
    quarter       int            NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    revenue_mad   numeric(18, 2) NOT NULL CHECK (revenue_mad >= 0),
    employees     int            NOT NULL CHECK (employees >= 0),
    funds_raised_mad numeric(18, 2) NOT NULL CHECK (funds_raised_mad >= 0),
    customers     int            NOT NULL CHECK (customers >= 0),
    created_at    timestamptz    NOT NULL,
    updated_at    timestamptz    NOT NULL,
    version       bigint         NOT NULL,
    UNIQUE (startup_id, year, quarter)
);
