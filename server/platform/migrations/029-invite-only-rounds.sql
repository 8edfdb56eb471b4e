-- 029: invite-only rounds (入户邀请码). A round whose ranking matters can take resident answers only with a one-time
-- household code from a printed slip, so that one person with a script cannot add answers (docs/rules.md#invite-only-rounds).
-- The codes are the one-time invites of 001 (one row each, only a keyed hash stored), grouped in batches per grid so
-- that a lost batch can be voided; a batch keeps a random salt from which its codes are derived again for reprinting.
CREATE TABLE invite_only_rounds (
  round_id   INTEGER PRIMARY KEY REFERENCES rounds(id),
  created_at TEXT NOT NULL
);

CREATE TABLE invite_batches (
  id         INTEGER PRIMARY KEY,
  round_id   INTEGER NOT NULL REFERENCES rounds(id),
  grid_id    INTEGER NOT NULL REFERENCES units(id),
  size       INTEGER NOT NULL CHECK (size > 0),
  salt       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  voided_at  TEXT,
  voided_by  INTEGER REFERENCES users(id)
);
CREATE INDEX invite_batches_round ON invite_batches(round_id, grid_id);

ALTER TABLE invites ADD COLUMN batch_id INTEGER REFERENCES invite_batches(id);
CREATE INDEX invites_batch ON invites(batch_id);
