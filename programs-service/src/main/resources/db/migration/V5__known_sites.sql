-- This service's own copy of the sites it knows, fed by sites-service's events (no synchronous calls).
CREATE TABLE known_site (
    id               uuid PRIMARY KEY,
    code             text        NOT NULL UNIQUE,
    name_fr          text        NOT NULL,
    city             text        NOT NULL,
    region           text        NOT NULL,
    kind             text        NOT NULL,
    status           text        NOT NULL,
    hosting_capacity int,
    version          bigint      NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
