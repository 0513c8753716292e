-- Partner systems' credentials (OAuth 2.0 client credentials): the secret is kept only as a salted PBKDF2 hash.
CREATE TABLE partner_client (
    id           uuid PRIMARY KEY,
    partner_id   uuid        NOT NULL REFERENCES partner (id),
    name         text        NOT NULL,
    secret_hash  text        NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
CREATE INDEX partner_client_partner ON partner_client (partner_id, id);
