-- Service level objectives. next_evaluation_at is the evaluation claim: a replica takes
-- due rows with FOR UPDATE SKIP LOCKED and moves them one interval on, so each SLO is
-- evaluated once per interval whatever the number of replicas.
CREATE TABLE slos (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               TEXT             NOT NULL,
    service_name       TEXT             NOT NULL,
    environment        TEXT,
    endpoint           TEXT,
    indicator          TEXT             NOT NULL CHECK (indicator IN ('error_rate', 'latency', 'throughput')),
    threshold          DOUBLE PRECISION,
    objective          DOUBLE PRECISION NOT NULL CHECK (objective > 0 AND objective < 100),
    window_days        INTEGER          NOT NULL CHECK (window_days IN (7, 28, 30)),
    channel_ids        BIGINT[]         NOT NULL DEFAULT '{}',
    labels             JSONB            NOT NULL DEFAULT '{}',
    burn_rate_alerts   JSONB            NOT NULL,
    created_at         TIMESTAMPTZ      NOT NULL,
    updated_at         TIMESTAMPTZ      NOT NULL,
    created_by         TEXT,
    next_evaluation_at TIMESTAMPTZ      NOT NULL
);
CREATE INDEX slos_next_evaluation_at ON slos (next_evaluation_at);

-- Alerts, with their whole lifecycle: the table is also the alert history. An alert is
-- raised by an SLO or (later) a rule; at most one alert per fingerprint is not resolved.
-- slo_id and rule_id are kept without a foreign key, so history outlives its SLO.
CREATE TABLE alerts (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fingerprint      TEXT        NOT NULL,
    slo_id           BIGINT,
    rule_id          BIGINT,
    name             TEXT        NOT NULL,
    service_name     TEXT,
    environment      TEXT,
    labels           JSONB       NOT NULL DEFAULT '{}',
    severity         TEXT        NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    state            TEXT        NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
    starts_at        TIMESTAMPTZ NOT NULL,
    ends_at          TIMESTAMPTZ,
    burn_rate        DOUBLE PRECISION,
    value            DOUBLE PRECISION,
    time_window      TEXT,
    last_notified_at TIMESTAMPTZ,
    notifications    INTEGER     NOT NULL DEFAULT 0,
    acknowledged_at  TIMESTAMPTZ,
    acknowledged_by  TEXT,
    CHECK (slo_id IS NULL OR rule_id IS NULL)
);
CREATE UNIQUE INDEX alerts_one_active_per_fingerprint ON alerts (fingerprint) WHERE state <> 'resolved';
CREATE INDEX alerts_slo_id ON alerts (slo_id, id);
CREATE INDEX alerts_service_name ON alerts (service_name, id);
CREATE INDEX alerts_starts_at ON alerts (starts_at);
