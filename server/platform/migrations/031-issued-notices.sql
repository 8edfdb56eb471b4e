-- 031: a 文号 belongs to an issued notice, not to a download. Until now the committee's first download of a bulletin's
-- or summary's Word file took the year's next number (020); opening a file to look at it used a number up, and a
-- later download rebuilt the file from the data of that day. From now on a download is a preview (征求意见稿, no
-- number) and only an explicit 发文 takes a number: the year's counter moves by one (a conditional update), the notice
-- is built once and its bytes are kept here, so every later download returns exactly the file as issued. A correction
-- is a new notice naming the one it corrects (corrects_id); the one it corrects stays in the register.
CREATE TABLE document_counters (
  year     INTEGER PRIMARY KEY,
  -- The last number given in the year (0: none yet).
  last_seq INTEGER NOT NULL CHECK (last_seq >= 0)
);

CREATE TABLE issued_notices (
  id           INTEGER PRIMARY KEY,
  round_id     INTEGER NOT NULL REFERENCES rounds(id),
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  -- 'bulletin': the round's monthly bulletin of the unit; 'summary': the half-year summary ending with the round.
  kind         TEXT NOT NULL CHECK (kind IN ('bulletin', 'summary')),
  year         INTEGER NOT NULL,
  seq          INTEGER NOT NULL CHECK (seq > 0),
  -- The number as printed on the notice (清平安办〔2026〕13号): the prefix may change later, the notice does not.
  number       TEXT NOT NULL,
  -- The date of issue, YYYY-MM-DD (China time).
  issued_on    TEXT NOT NULL,
  title        TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  -- The Word file exactly as issued; NULL only for a number given by a download before this migration.
  file         BLOB,
  corrects_id  INTEGER REFERENCES issued_notices(id),
  issued_by    INTEGER REFERENCES users(id),
  -- Who issued it, as named when it was issued (the register reads without the accounts).
  issued_by_name TEXT NOT NULL,
  issued_at    TEXT NOT NULL,
  UNIQUE (year, seq),
  -- A notice is corrected at most once (a second correction corrects the correction): a double submit adds nothing.
  UNIQUE (corrects_id)
);

-- One first issue per document; corrections follow it.
CREATE UNIQUE INDEX issued_notices_first ON issued_notices (round_id, unit_id, kind) WHERE corrects_id IS NULL;

-- Numbers already given by downloads stay given: the register lists them (without a file) and the counters go on
-- after them.
INSERT INTO issued_notices (round_id, unit_id, kind, year, seq, number, issued_on, title, file_name, file, corrects_id, issued_by, issued_by_name, issued_at)
SELECT d.round_id, d.unit_id, d.kind, d.year, d.seq,
       COALESCE((SELECT number_prefix FROM document_issuer WHERE id = 1), '平安办') || '〔' || d.year || '〕' || d.seq || '号',
       d.issued_on, '', '', NULL, NULL, NULL, '', d.issued_on
FROM bulletin_documents d;

INSERT INTO document_counters (year, last_seq) SELECT year, MAX(seq) FROM bulletin_documents GROUP BY year;

DROP TABLE bulletin_documents;
