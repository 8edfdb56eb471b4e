-- 034: is the simulated poll honest? (answer modes, interviewers, coached answers; docs/statistics.md#interviewers).
-- Each round may set its own thresholds for marking an interviewer or a grid 需核查 (JSON, core/results/
-- interviewer-quality.ts and coached-answers.ts); a round without a row uses the documented defaults. The forecast
-- gains the committee's choice of which answers it pools: 'auto' (phone interviews when the window holds at least the
-- official sample size of them, else all responses with the mode gap stated), 'phone' or 'all'.
CREATE TABLE round_quality_settings (
  round_id   INTEGER PRIMARY KEY REFERENCES rounds(id),
  settings   TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id)
);

ALTER TABLE forecast_settings ADD COLUMN answer_mode TEXT NOT NULL DEFAULT 'auto' CHECK (answer_mode IN ('auto', 'phone', 'all'));
