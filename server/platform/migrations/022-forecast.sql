-- 022: the forecast of the official poll (issue 12) needs what only the committee knows: which questionnaire the
-- official poll follows and its sample size, which recent rounds to pool and with what weights, the peer districts'
-- last published scores (to give the chance of each rank), and past official results (to back-test the forecast).
-- One settings row; peers by name; one official result per simulated round it is compared with.
CREATE TABLE forecast_settings (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  survey_key     TEXT,
  sample_size    INTEGER NOT NULL DEFAULT 200 CHECK (sample_size BETWEEN 20 AND 5000),
  -- JSON array of the latest closed rounds' weights, newest first
  window_weights TEXT NOT NULL DEFAULT '[1]',
  updated_at     TEXT NOT NULL
);

CREATE TABLE forecast_peers (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL UNIQUE,
  score     REAL NOT NULL CHECK (score >= 0 AND score <= 100),
  -- the peer's own uncertainty (standard deviation), NULL when unknown: its score is then taken as fixed
  sd        REAL CHECK (sd IS NULL OR sd >= 0),
  published TEXT
);

CREATE TABLE official_results (
  round_id   INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
  score      REAL NOT NULL CHECK (score >= 0 AND score <= 100),
  rank       INTEGER CHECK (rank IS NULL OR rank >= 1),
  entered_at TEXT NOT NULL
);
