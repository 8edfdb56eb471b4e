-- Failed logins counted per username AND address. Counted per username alone (migration 007), anyone who knew a
-- username could hold its owner out with a few wrong passwords from a few addresses; now the wait falls only on the
-- address that failed (features/accounts/core/login-throttle.ts), and a sum over an address limits password spraying.
CREATE TABLE login_failures_by_address (
  username TEXT NOT NULL,
  address  TEXT NOT NULL,
  failures INTEGER NOT NULL,
  last_at  TEXT NOT NULL,
  PRIMARY KEY (username, address)
);
CREATE INDEX login_failures_by_address_address ON login_failures_by_address(address);
CREATE INDEX login_failures_by_address_last_at ON login_failures_by_address(last_at);

-- The per-username count stays, for the administrator's alert: 1 once this burst of failures was reported in the
-- audit log, so a burst makes one entry, not one per attempt.
ALTER TABLE login_failures ADD COLUMN alerted INTEGER NOT NULL DEFAULT 0;
