-- 011: receipts are handled to closure (交办 → 答复 → 办结, or 无需处理 with a reason). The workflow needs a fifth
-- state, 'dismissed', but 001 declared receipts.state with a CHECK constraint, which SQLite cannot alter: the table is
-- rebuilt (new table, rows copied with their ids, old table dropped, new one renamed, index recreated). No table
-- references receipts, so dropping the old one breaks no foreign key. Each step now records who took it and when
-- (assigned_by/at, answered_by, closed_by/at), to whom it was handed (a staff user or a unit: village or grid), how
-- the resident was answered (action, reply, method) and why a receipt needed no handling. Rounds get the number of
-- days a handed-on receipt has before it is due (default 7, see domain/receipts/deadline.ts).
CREATE TABLE receipts_011 (
  id               INTEGER PRIMARY KEY,
  round_id         INTEGER NOT NULL REFERENCES rounds(id),
  grid_id          INTEGER NOT NULL REFERENCES units(id),
  response_id      INTEGER REFERENCES responses(id),
  source           TEXT NOT NULL CHECK (source IN ('suggestion', 'follow_up', 'staff')),
  question_id      TEXT,
  body             TEXT NOT NULL,
  state            TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'assigned', 'answered', 'closed', 'dismissed')),
  assignee_id      INTEGER REFERENCES users(id),
  assignee_unit_id INTEGER REFERENCES units(id),
  assigned_by      INTEGER REFERENCES users(id),
  assigned_at      TEXT,
  due_at           TEXT,
  created_at       TEXT NOT NULL,
  answered_at      TEXT,
  answered_by      INTEGER REFERENCES users(id),
  answer_action    TEXT,
  answer_text      TEXT,
  answer_method    TEXT CHECK (answer_method IS NULL OR answer_method IN ('phone', 'visit', 'notice', 'other')),
  closed_at        TEXT,
  closed_by        INTEGER REFERENCES users(id),
  dismiss_reason   TEXT CHECK (dismiss_reason IS NULL OR dismiss_reason IN ('praise', 'empty', 'duplicate', 'not_problem', 'other')),
  dismiss_note     TEXT
);
INSERT INTO receipts_011 (id, round_id, grid_id, response_id, source, question_id, body, state, assignee_id, due_at,
  created_at, answered_at, answer_text)
SELECT id, round_id, grid_id, response_id, source, question_id, body, state, assignee_id, due_at,
  created_at, answered_at, answer_text
FROM receipts;
DROP TABLE receipts;
ALTER TABLE receipts_011 RENAME TO receipts;
CREATE INDEX receipts_round_grid ON receipts(round_id, grid_id);
-- The receipts page lists newest first; its assignee filter ("my receipts") is a grid worker's everyday view.
CREATE INDEX receipts_created ON receipts(created_at, id);
CREATE INDEX receipts_assignee ON receipts(assignee_id);

ALTER TABLE rounds ADD COLUMN receipt_due_days INTEGER NOT NULL DEFAULT 7 CHECK (receipt_due_days BETWEEN 1 AND 90);
