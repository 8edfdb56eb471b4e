-- 001: the initial schema. Units form the four-level tree; questionnaires are stored as immutable versions so that
-- a closed round's bulletin can be recomputed forever; answers carry round and grid (denormalised from responses)
-- so that a round's results aggregate with one indexed scan instead of a join over every response.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE units (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  parent_id  INTEGER REFERENCES units(id),
  level      TEXT NOT NULL CHECK (level IN ('district', 'township', 'village', 'grid')),
  population INTEGER CHECK (population IS NULL OR population >= 0),
  households INTEGER CHECK (households IS NULL OR households >= 0)
);
CREATE INDEX units_parent ON units(parent_id);

-- One row per questionnaire version. `definition` is the validated questionnaire as JSON.
CREATE TABLE surveys (
  id           INTEGER PRIMARY KEY,
  survey_key   TEXT NOT NULL,
  version      INTEGER NOT NULL,
  title        TEXT NOT NULL,
  definition   TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  source_file  TEXT,
  loaded_at    TEXT NOT NULL,
  UNIQUE (survey_key, version)
);

CREATE TABLE rounds (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  survey_id     INTEGER NOT NULL REFERENCES surveys(id),
  period        TEXT NOT NULL,
  kind          TEXT NOT NULL DEFAULT 'monthly' CHECK (kind IN ('monthly', 'sweep', 'adhoc')),
  state         TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
  quota_per_grid INTEGER NOT NULL DEFAULT 10 CHECK (quota_per_grid >= 0),
  min_sample    INTEGER NOT NULL DEFAULT 5 CHECK (min_sample >= 0),
  -- comma-separated subset of web,phone,paper
  channels      TEXT NOT NULL DEFAULT 'web,phone,paper',
  -- AAPOR eligibility estimate e; NULL means estimate it from the dispositions
  eligibility_e REAL CHECK (eligibility_e IS NULL OR (eligibility_e >= 0 AND eligibility_e <= 1)),
  created_at    TEXT NOT NULL,
  opened_at     TEXT,
  closed_at     TEXT
);
CREATE INDEX rounds_survey_period ON rounds(survey_id, period);

-- The units a round covers: every grid below any of these units takes part.
CREATE TABLE round_units (
  round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  unit_id  INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (round_id, unit_id)
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'committee', 'township', 'grid')),
  unit_id       INTEGER REFERENCES units(id),
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
  id         TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- One-time links for invited residents; only a hash of the token is stored.
CREATE TABLE invites (
  id          INTEGER PRIMARY KEY,
  round_id    INTEGER NOT NULL REFERENCES rounds(id),
  grid_id     INTEGER NOT NULL REFERENCES units(id),
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  used_at     TEXT,
  response_id INTEGER REFERENCES responses(id)
);

-- The phone roster (民调数据库). Numbers are stored encrypted, shown masked, deduplicated by keyed hash.
CREATE TABLE contacts (
  id           INTEGER PRIMARY KEY,
  grid_id      INTEGER NOT NULL REFERENCES units(id),
  phone_enc    TEXT NOT NULL,
  phone_hash   TEXT NOT NULL UNIQUE,
  phone_masked TEXT NOT NULL,
  category     TEXT,
  created_at   TEXT NOT NULL
);

CREATE TABLE responses (
  id             INTEGER PRIMARY KEY,
  round_id       INTEGER NOT NULL REFERENCES rounds(id),
  grid_id        INTEGER NOT NULL REFERENCES units(id),
  channel        TEXT NOT NULL CHECK (channel IN ('web', 'phone', 'paper', 'import', 'simulated')),
  status         TEXT NOT NULL CHECK (status IN ('complete', 'screened_out')),
  -- keyed hash of the device token (resident link); NULL for staff-entered responses
  device_hash    TEXT,
  -- the form's one-time submission id: a double-click or resend never stores twice
  submission_key TEXT,
  invite_id      INTEGER REFERENCES invites(id),
  interviewer_id INTEGER REFERENCES users(id),
  contact_id     INTEGER REFERENCES contacts(id),
  started_at     TEXT,
  created_at     TEXT NOT NULL,
  UNIQUE (round_id, grid_id, device_hash),
  UNIQUE (round_id, submission_key)
);
CREATE INDEX responses_round_grid ON responses(round_id, grid_id, status);

-- One row per chosen option (several for a multiple choice) or per text answer.
-- score is the option's score (NULL for excluded or unscored options); excluded marks don't-know answers.
CREATE TABLE answers (
  response_id INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
  round_id    INTEGER NOT NULL,
  grid_id     INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  option_code TEXT,
  text_value  TEXT,
  score       REAL,
  excluded    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX answers_response ON answers(response_id);
CREATE INDEX answers_round_question ON answers(round_id, question_id, grid_id);

-- Phone interview attempts with their AAPOR disposition.
CREATE TABLE calls (
  id             INTEGER PRIMARY KEY,
  round_id       INTEGER NOT NULL REFERENCES rounds(id),
  grid_id        INTEGER NOT NULL REFERENCES units(id),
  contact_id     INTEGER REFERENCES contacts(id),
  interviewer_id INTEGER REFERENCES users(id),
  disposition    TEXT NOT NULL CHECK (disposition IN
    ('complete', 'partial', 'refusal', 'non_contact', 'other', 'unknown_household', 'unknown_other', 'not_eligible')),
  response_id    INTEGER REFERENCES responses(id),
  created_at     TEXT NOT NULL
);
CREATE INDEX calls_round ON calls(round_id, grid_id);

-- Problems raised by residents (回执单): free-text suggestions and follow-up answers.
CREATE TABLE receipts (
  id           INTEGER PRIMARY KEY,
  round_id     INTEGER NOT NULL REFERENCES rounds(id),
  grid_id      INTEGER NOT NULL REFERENCES units(id),
  response_id  INTEGER REFERENCES responses(id),
  source       TEXT NOT NULL CHECK (source IN ('suggestion', 'follow_up', 'staff')),
  question_id  TEXT,
  body         TEXT NOT NULL,
  state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'assigned', 'answered', 'closed')),
  assignee_id  INTEGER REFERENCES users(id),
  due_at       TEXT,
  created_at   TEXT NOT NULL,
  answered_at  TEXT,
  answer_text  TEXT
);
CREATE INDEX receipts_round_grid ON receipts(round_id, grid_id);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  action  TEXT NOT NULL,
  detail  TEXT
);

-- Cached results of closed rounds (a closed round's results never change).
CREATE TABLE results_cache (
  round_id   INTEGER PRIMARY KEY REFERENCES rounds(id),
  computed_at TEXT NOT NULL,
  payload    TEXT NOT NULL
);
