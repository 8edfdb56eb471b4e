-- Phone and ID-card numbers typed into free text are masked in answers.text_value (and receipt bodies) so that no page,
-- export or bulletin shows them; the original is kept encrypted (AES-256-GCM, see storage/secret-box.ts) for the
-- person who handles the receipt. NULL when the text held nothing to mask.
ALTER TABLE answers ADD COLUMN text_sealed TEXT;
