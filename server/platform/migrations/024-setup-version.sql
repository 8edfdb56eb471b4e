-- 024: what the resident form is built from (rounds, their units and coverage, questionnaire versions) gets a change
-- counter of its own, kept by triggers as units_version (009) is for units. The server's caches of the form pages
-- used PRAGMA data_version to see other connections' changes, and that moves on every commit by any other
-- connection: since submissions are written on the response writer's own thread and connection
-- (services/writer-thread.ts), every batch of answers would have made the server look up and render its pages again.
-- setup_version moves only when the setup does, whichever connection or process changed it. A later migration that
-- rebuilds one of these tables must recreate its triggers (test/storage/setup-version.test.ts checks they exist).

CREATE TABLE setup_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO setup_version (id, version) VALUES (1, 0);

CREATE TRIGGER setup_version_rounds_insert AFTER INSERT ON rounds
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER setup_version_rounds_update AFTER UPDATE ON rounds
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER setup_version_rounds_delete AFTER DELETE ON rounds
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER setup_version_surveys_insert AFTER INSERT ON surveys
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER setup_version_surveys_update AFTER UPDATE ON surveys
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER setup_version_surveys_delete AFTER DELETE ON surveys
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER setup_version_round_units_insert AFTER INSERT ON round_units
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER setup_version_round_units_delete AFTER DELETE ON round_units
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;

-- round_coverage needs none: it is written when its round opens, in the transaction that updates the round.
