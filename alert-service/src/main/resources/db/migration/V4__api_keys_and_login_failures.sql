-- Opaque API keys (pk_...), stored only as SHA-256 hashes; shown once when created.
CREATE TABLE api_keys (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         TEXT        NOT NULL,
    role         TEXT        NOT NULL CHECK (role IN ('viewer', 'reporter', 'admin')),
    key_hash     BYTEA       NOT NULL UNIQUE,
    key_prefix   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   TEXT,
    expires_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ
);

-- Failed logins of the last minutes, counted per user name and per client address by
-- every replica.
CREATE TABLE login_failures (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject   TEXT        NOT NULL,
    at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_subject_at ON login_failures (subject, at);
