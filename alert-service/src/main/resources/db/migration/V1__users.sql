-- Users who log in to Panopticon; alert-service issues their tokens.
CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      TEXT        NOT NULL UNIQUE,
    password_hash TEXT        NOT NULL,
    role          TEXT        NOT NULL CHECK (role IN ('viewer', 'reporter', 'admin')),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
