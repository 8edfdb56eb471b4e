-- 012: staff accounts are now managed from the product (issue 9). A new or reset account must replace its one-time
-- password at first login (must_change_password); sessions end after a stretch without requests, so each keeps the
-- time it was last used (last_seen_at; existing sessions count as seen when they started). The audit log says from
-- where a change came (a truncated client address, never a full one) and can be filtered by time and action, so
-- both get an index. Entries are only ever added: triggers refuse any UPDATE or DELETE, whoever tries.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN password_changed_at TEXT;

ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
UPDATE sessions SET last_seen_at = created_at;
CREATE INDEX sessions_user ON sessions (user_id);

ALTER TABLE audit_log ADD COLUMN client TEXT;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_user ON audit_log (user_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
