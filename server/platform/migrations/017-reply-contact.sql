-- 017: a resident may leave a phone number next to a suggestion so the person handling its receipt can answer back.
-- It is kept on the response, not on each receipt: a response holds one contact and may open several receipts (a
-- suggestion and a follow-up), which then share one sealed copy reached through receipts.response_id, and the
-- number goes in with the response row's own INSERT (no extra statement per submission). `_enc` is the number sealed
-- with AES-256-GCM (storage/secret-box.ts); `_masked` (138****1234) is what pages show. No export or bulletin reads
-- either column. A held response keeps its contact until it is accepted or rejected.
ALTER TABLE responses ADD COLUMN reply_contact_enc TEXT;
ALTER TABLE responses ADD COLUMN reply_contact_masked TEXT;
ALTER TABLE held_responses ADD COLUMN reply_contact_enc TEXT;
ALTER TABLE held_responses ADD COLUMN reply_contact_masked TEXT;
