CREATE TABLE site (
    id                  uuid PRIMARY KEY,
    code                text        NOT NULL UNIQUE,
    name_fr             text        NOT NULL,
    name_ar             text,
    name_en             text,
    city                text        NOT NULL,
    region              text        NOT NULL,
    kind                text        NOT NULL,
    status              text        NOT NULL,
    inauguration_date   date,
    investment_mad      numeric(18, 2) CHECK (investment_mad >= 0),
    hosting_capacity    int CHECK (hosting_capacity >= 0),
    address             text,
    latitude            double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude           double precision CHECK (longitude BETWEEN -180 AND 180),
    digital_nomad_offer boolean     NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    version             bigint      NOT NULL
);
CREATE INDEX site_region ON site (region, id);
CREATE INDEX site_status ON site (status, id);
