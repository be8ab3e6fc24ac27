-- Accounts: e-mail, display name, active flag, last login, a forced password change, and
-- user names unique whatever their case.
ALTER TABLE users
    ADD COLUMN email                TEXT,
    ADD COLUMN display_name         TEXT,
    ADD COLUMN active               BOOLEAN     NOT NULL DEFAULT TRUE,
    ADD COLUMN must_change_password BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN last_login_at        TIMESTAMPTZ;
UPDATE users SET display_name = username WHERE display_name IS NULL;
ALTER TABLE users ALTER COLUMN display_name SET NOT NULL;
CREATE UNIQUE INDEX users_username_ci ON users (lower(username));

-- Append-only record of who did what (GET /api/audit). Updates and deletes are refused.
CREATE TABLE audit_log (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    actor          TEXT,
    actor_username TEXT,
    action         TEXT        NOT NULL,
    target         TEXT,
    client_address TEXT,
    outcome        TEXT        NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
