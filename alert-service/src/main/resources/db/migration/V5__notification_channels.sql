-- Notification channels. Their secrets (the webhook URL, which is the credential of Slack,
-- Discord and Teams webhooks, the signing key of generic webhooks, and the password of an
-- e-mail channel's own SMTP server) are one JSON object sealed with AES-GCM under
-- PANOPTICON_SECRET_KEY; config holds the rest (recipients, the SMTP server).
CREATE TABLE channels (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type        TEXT        NOT NULL CHECK (type IN ('slack', 'discord', 'teams', 'email', 'webhook')),
    name        TEXT        NOT NULL,
    config      JSONB       NOT NULL DEFAULT '{}',
    secrets_enc BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- The outbox: one row per message and channel, written in the transaction of whoever sent
-- it, kept until delivered or given up. A replica claims due rows with FOR UPDATE SKIP
-- LOCKED and moves next_attempt_at past the send's deadline, so no other replica takes
-- them meanwhile; a replica that dies mid-send leaves them due again after that.
CREATE TABLE notification_outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id     UUID        NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    channel_id      BIGINT      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    alert_id        TEXT,
    payload         JSONB       NOT NULL,
    state           TEXT        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ,
    last_error      TEXT
);
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX notification_outbox_channel ON notification_outbox (channel_id, id);

-- Every attempt to send an outbox row.
CREATE TABLE notification_attempts (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outbox_id   BIGINT      NOT NULL REFERENCES notification_outbox (id) ON DELETE CASCADE,
    channel_id  BIGINT      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    attempt     INT         NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    status_code INT,
    outcome     TEXT        NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed')),
    error       TEXT,
    duration_ms BIGINT      NOT NULL
);
CREATE INDEX notification_attempts_channel ON notification_attempts (channel_id, id);
