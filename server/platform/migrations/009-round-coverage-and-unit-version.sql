-- 009: a round keeps the units, grids and populations it was opened with, and the unit tree is held in memory.
-- round_coverage is a per-round copy of the part of the unit tree the round reports on (the units it covers, everything
-- below them and the units above them), written when the round opens. Results, progress, links and exports of open
-- and closed rounds read their grids and populations from it, so a unit import after a round opened (or closed) no
-- longer changes what it covered (an import after a close had moved a round from 184 to 192 grids and left a township
-- with n = 0 on recompute). Draft rounds keep following the live tree. Existing open and closed rounds are backfilled
-- from today's units (a closed round with computed results keeps the units those list): the closest record there is
-- of what they were opened with.
-- units_version counts every change to units (kept by triggers, whichever connection or process writes), so the
-- in-memory unit tree of each server process knows when to reload without re-reading the table. A later migration that
-- rebuilds the units table must recreate these triggers (test/storage/unit-tree.test.ts checks they exist).

CREATE TABLE round_coverage (
  round_id   INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  parent_id  INTEGER,
  code       TEXT NOT NULL,
  name       TEXT NOT NULL,
  level      TEXT NOT NULL CHECK (level IN ('district', 'township', 'village', 'grid')),
  population INTEGER,
  households INTEGER,
  PRIMARY KEY (round_id, unit_id)
) WITHOUT ROWID;
-- The open round of a grid link, without walking the tree.
CREATE INDEX round_coverage_unit ON round_coverage(unit_id, round_id);

INSERT INTO round_coverage (round_id, unit_id, parent_id, code, name, level, population, households)
WITH RECURSIVE
  down(round_id, id) AS (
    SELECT ru.round_id, ru.unit_id FROM round_units ru JOIN rounds r ON r.id = ru.round_id WHERE r.state <> 'draft'
    UNION SELECT down.round_id, u.id FROM units u JOIN down ON u.parent_id = down.id),
  up(round_id, id) AS (
    SELECT ru.round_id, ru.unit_id FROM round_units ru JOIN rounds r ON r.id = ru.round_id WHERE r.state <> 'draft'
    UNION SELECT up.round_id, u.parent_id FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL),
  part(round_id, id) AS (SELECT round_id, id FROM down UNION SELECT round_id, id FROM up)
SELECT part.round_id, u.id, u.parent_id, u.code, u.name, u.level, u.population, u.households
FROM part JOIN units u ON u.id = part.id
-- A closed round whose results were already computed keeps exactly the units those results list.
WHERE NOT EXISTS (SELECT 1 FROM results_cache rc WHERE rc.round_id = part.round_id)
   OR u.code IN (SELECT j.key FROM results_cache rc, json_each(rc.payload, '$.results.units') j WHERE rc.round_id = part.round_id);

CREATE TABLE units_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO units_version (id, version) VALUES (1, 0);

CREATE TRIGGER units_version_insert AFTER INSERT ON units
BEGIN
  UPDATE units_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER units_version_update AFTER UPDATE ON units
BEGIN
  UPDATE units_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER units_version_delete AFTER DELETE ON units
BEGIN
  UPDATE units_version SET version = version + 1 WHERE id = 1;
END;
