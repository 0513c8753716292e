-- Webhooks for partner systems: subscriptions, one delivery per matching event and subscription, and every attempt.
CREATE TABLE webhook_subscription (
    id                   uuid PRIMARY KEY,
    partner_id           uuid        NOT NULL REFERENCES partner (id),
    url                  text        NOT NULL,
    event_types          text[]      NOT NULL,
    site_codes           text[]      NOT NULL DEFAULT '{}',
    -- the HMAC key: it must be usable to sign, so it is kept (in a database only this service reads)
    secret               text        NOT NULL,
    status               text        NOT NULL,
    consecutive_failures int         NOT NULL DEFAULT 0,
    disabled_at          timestamptz,
    created_at           timestamptz NOT NULL,
    version              bigint      NOT NULL
);
CREATE INDEX webhook_subscription_partner ON webhook_subscription (partner_id, id);

CREATE TABLE webhook_delivery (
    id              uuid PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES webhook_subscription (id),
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    payload         text        NOT NULL,
    status          text        NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_subscription ON webhook_delivery (subscription_id, created_at);

CREATE TABLE webhook_attempt (
    id          uuid PRIMARY KEY,
    delivery_id uuid        NOT NULL REFERENCES webhook_delivery (id),
    attempt     int         NOT NULL,
    at          timestamptz NOT NULL,
    status_code int,
    error       text,
    duration_ms int         NOT NULL
);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, attempt);
