-- 010: anomaly review (issue 7). A response that arrives in a burst, from one network in bulk, past a multiple of its
-- grid's quota or as one of many identical answer sets is held for the committee instead of being counted. Held
-- responses live in their own table, not in `responses` with another status: every reader of responses and answers
-- (results, exports, receipts, progress counts) then cannot count a held answer by mistake, no receipt opens before
-- a held response is accepted, and the CHECK on responses.status needs no rebuild of that table (whose rebuild would
-- cascade-delete answers under foreign_keys = ON inside this migration's transaction). Accepting a held response
-- stores it in `responses` as if it had just passed (same time, device and key) and marks the hold accepted.
CREATE TABLE held_responses (
  id             INTEGER PRIMARY KEY,
  round_id       INTEGER NOT NULL REFERENCES rounds(id),
  grid_id        INTEGER NOT NULL REFERENCES units(id),
  channel        TEXT NOT NULL,
  -- the status it gets when accepted: 'complete' or 'screened_out'
  status         TEXT NOT NULL CHECK (status IN ('complete', 'screened_out')),
  -- the answers as JSON (domain/survey/model.ts Answers), checked before they were held, with phone and ID-card
  -- numbers in free text masked; the original JSON sealed (storage/secret-box.ts) when masking changed anything
  answers        TEXT NOT NULL,
  answers_sealed TEXT,
  device_hash    TEXT,
  submission_key TEXT,
  invite_id      INTEGER REFERENCES invites(id),
  started_at     TEXT,
  created_at     TEXT NOT NULL,
  -- why it was held: a JSON array of reason names (domain/integrity/anomaly.ts); never a network hash or address
  reasons        TEXT NOT NULL,
  review         TEXT NOT NULL DEFAULT 'held' CHECK (review IN ('held', 'accepted', 'rejected')),
  decided_by     INTEGER REFERENCES users(id),
  decided_at     TEXT,
  -- the stored response once accepted
  response_id    INTEGER REFERENCES responses(id),
  UNIQUE (round_id, submission_key)
);
CREATE INDEX held_responses_round_review ON held_responses(round_id, review, grid_id);
CREATE INDEX held_responses_round_device ON held_responses(round_id, device_hash);

-- One device answers once per round, in any grid: the check looks a device up by round alone.
CREATE INDEX responses_round_device ON responses(round_id, device_hash);

-- The anomaly thresholds of a round (JSON, domain/integrity/settings.ts); a round without a row uses the defaults.
CREATE TABLE round_integrity_settings (
  round_id   INTEGER PRIMARY KEY REFERENCES rounds(id),
  settings   TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id)
);
