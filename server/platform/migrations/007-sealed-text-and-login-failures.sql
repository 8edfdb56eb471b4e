-- Two protections from "Trust in the count" (issue 7).
--
-- Phone and ID-card numbers typed into free text are masked in answers.text_value (and receipt bodies) so that no page,
-- export or bulletin shows them; the original is kept encrypted (AES-256-GCM, see storage/secret-box.ts) for the
-- person who handles the receipt. NULL when the text held nothing to mask.
ALTER TABLE answers ADD COLUMN text_sealed TEXT;

-- Failed logins per username, for the growing delay after five failures (domain/auth/login-throttle.ts). Kept in the
-- database, not in memory, so that restarting the server does not hand a password guesser a fresh set of tries.
CREATE TABLE login_failures (
  username TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_at  TEXT NOT NULL
);
CREATE INDEX login_failures_last_at ON login_failures(last_at);
