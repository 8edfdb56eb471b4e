-- Phone interviews from the roster (CATI, issue 8). A call now records what the interviewer chose (outcome, e.g.
-- no_answer; its AAPOR disposition stays in `disposition`) and when the call started and ended.
-- Each round keeps one case per roster contact (call_cases): attempts so far, whether anyone was reached, and when
-- the number may be drawn next, so "下一个号码" is one index lookup per grid and pool however large the roster is
-- (200,000 numbers in under 5 ms, bench/next-number.ts). Cases are added from the roster as the round's interviewers
-- draw (cati_rounds.synced_contact_id remembers how far); draw_key is SQLite's random(), fixed per case, so the order
-- of fresh numbers is random and not predictable. A drawn number is held by one interviewer at a time: call_claims
-- has one row per contact (across rounds), taken with a conditional insert inside an immediate transaction and
-- expiring after a while so a number left open is not lost. Retry rules are set per round.
ALTER TABLE calls ADD COLUMN outcome TEXT;
ALTER TABLE calls ADD COLUMN started_at TEXT;
ALTER TABLE calls ADD COLUMN ended_at TEXT;
CREATE INDEX calls_interviewer ON calls(round_id, interviewer_id, created_at);
-- A case added to a round that already has calls for its contact (imported or simulated) starts from them.
CREATE INDEX calls_contact ON calls(contact_id, round_id);

CREATE TABLE cati_rounds (
  round_id          INTEGER PRIMARY KEY REFERENCES rounds(id),
  max_attempts      INTEGER NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 10),
  retry_minutes     INTEGER NOT NULL DEFAULT 60 CHECK (retry_minutes BETWEEN 1 AND 10080),
  synced_contact_id INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE call_cases (
  round_id    INTEGER NOT NULL REFERENCES rounds(id),
  contact_id  INTEGER NOT NULL REFERENCES contacts(id),
  grid_id     INTEGER NOT NULL REFERENCES units(id),
  -- 0 appointment, 1 retry, 2 never called (domain/cati/next-number.ts)
  pool        INTEGER NOT NULL DEFAULT 2 CHECK (pool IN (0, 1, 2)),
  next_due_at TEXT NOT NULL DEFAULT '',
  draw_key    INTEGER NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  reached     INTEGER NOT NULL DEFAULT 0 CHECK (reached IN (0, 1)),
  closed      INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
  PRIMARY KEY (round_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX call_cases_draw ON call_cases(round_id, grid_id, pool, next_due_at, draw_key) WHERE closed = 0;

CREATE TABLE call_claims (
  contact_id     INTEGER PRIMARY KEY REFERENCES contacts(id),
  round_id       INTEGER NOT NULL REFERENCES rounds(id),
  interviewer_id INTEGER NOT NULL REFERENCES users(id),
  claimed_at     TEXT NOT NULL,
  expires_at     TEXT NOT NULL
);
CREATE INDEX call_claims_interviewer ON call_claims(interviewer_id, round_id);
