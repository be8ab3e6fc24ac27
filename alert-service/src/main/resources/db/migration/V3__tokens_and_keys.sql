-- Refresh tokens, stored only as SHA-256 hashes. One login starts a family; every refresh
-- marks the used token and adds the next one to the family. A used token shown again is
-- a reuse: the whole family is revoked.
CREATE TABLE refresh_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash   BYTEA       NOT NULL UNIQUE,
    family       UUID        NOT NULL,
    user_id      BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issued_at    TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- Token signing keys. The private key is AES-GCM encrypted with PANOPTICON_SECRET_KEY. The
-- current key has retired_at null; a retired key stays published until every token it
-- signed has expired.
CREATE TABLE signing_keys (
    kid              TEXT PRIMARY KEY,
    public_key       BYTEA       NOT NULL,
    private_key_enc  BYTEA       NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    retired_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX signing_keys_one_current ON signing_keys ((retired_at IS NULL)) WHERE retired_at IS NULL;
