-- 020: the bulletin goes out as an official notice (公文): it names its issuing body (发文机关) and carries a document
-- number (发文字号, e.g. 清平安办〔2026〕11号, numbered from 1 each year) and a date of issue. The issuing body and the
-- number's prefix are the committee's settings (one row); each issued bulletin or half-year summary keeps its own
-- number and date, given the first time its Word file is made and editable afterwards by the committee.
CREATE TABLE document_issuer (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  issuing_body  TEXT NOT NULL,
  number_prefix TEXT NOT NULL
);

CREATE TABLE bulletin_documents (
  id         INTEGER PRIMARY KEY,
  round_id   INTEGER NOT NULL REFERENCES rounds(id),
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  -- 'bulletin': the round's monthly bulletin of the unit; 'summary': the half-year summary ending with the round.
  kind       TEXT NOT NULL CHECK (kind IN ('bulletin', 'summary')),
  year       INTEGER NOT NULL,
  seq        INTEGER NOT NULL CHECK (seq > 0),
  -- The date of issue, YYYY-MM-DD (China time).
  issued_on  TEXT NOT NULL,
  UNIQUE (round_id, unit_id, kind),
  UNIQUE (year, seq)
);
