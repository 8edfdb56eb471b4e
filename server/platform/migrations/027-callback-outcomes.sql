-- 027: call-back outcomes. A call-back recorded only 确认接受过 or 否认或不记得, and the report counted
-- everything unconfirmed as 不符 against the interviewer, although most unconfirmed call-backs are calls nobody
-- answered. Each call-back now records what happened (domain/callbacks/outcomes.ts): the resident confirmed, denied
-- or does not remember the interview; nobody answered, the line was busy or off, the resident refused, the number is
-- vacant, or someone else answered. Only a confirmed interview with differing answers or a denied one counts against
-- the interviewer; the rest are 未能核实. A call nobody answered may be tried again: `attempts` counts the tries.
-- Call-backs recorded before this migration chose between two answers; an unconfirmed one becomes 'denied', which is
-- what the report counted it as.
ALTER TABLE callbacks ADD COLUMN outcome TEXT
  CHECK (outcome IS NULL OR outcome IN
    ('confirmed', 'denied', 'not_remembered', 'no_answer', 'busy', 'refused', 'vacant', 'not_respondent'));
ALTER TABLE callbacks ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1);
UPDATE callbacks SET outcome = CASE WHEN confirmed = 1 THEN 'confirmed' ELSE 'denied' END;
