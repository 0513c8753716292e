-- Funding and market access: opportunities, and introductions between a startup and a partner.
CREATE TABLE opportunity (
    id              uuid PRIMARY KEY,
    kind            text        NOT NULL,
    title           text        NOT NULL,
    description     text,
    partner_id      uuid REFERENCES partner (id),
    deadline        date,
    eligible_stages text[]      NOT NULL,
    created_at      timestamptz NOT NULL
);

CREATE TABLE introduction (
    id             uuid PRIMARY KEY,
    startup_id     uuid        NOT NULL,
    partner_id     uuid        NOT NULL REFERENCES partner (id),
    opportunity_id uuid REFERENCES opportunity (id),
    status         text        NOT NULL,
    outcome        text,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        bigint      NOT NULL
);
CREATE INDEX introduction_startup ON introduction (startup_id);
