-- 008: the JSON API answered anyone, for any unit, and took submissions from anyone. Other systems now call it with
-- a token an administrator issues for one unit of the tree (NULL: the whole district). Only a SHA-256 of the token
-- is kept (the token is 32 random bytes, so a plain hash cannot be reversed), so a copy of the database cannot be
-- used to call the API. Tokens are revoked, never deleted, so the audit log keeps meaning.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  unit_id      INTEGER REFERENCES units(id),
  created_by   INTEGER REFERENCES users(id),
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);
