-- The roster (民调数据库) becomes real: numbers marked 空号, 停机 or 拒绝再访 are skipped when the next number is drawn,
-- so each contact gets a status (and when it changed); the optional name and note a committee imports with a number
-- are personal data too, so they are stored encrypted like the number. The grid/status index serves the draw of the
-- next number, which filters a grid's active contacts.
ALTER TABLE contacts ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
  CHECK (status IN ('active', 'invalid', 'suspended', 'do_not_call'));
ALTER TABLE contacts ADD COLUMN status_changed_at TEXT;
ALTER TABLE contacts ADD COLUMN name_enc TEXT;
ALTER TABLE contacts ADD COLUMN note_enc TEXT;
CREATE INDEX contacts_grid_status ON contacts(grid_id, status);
