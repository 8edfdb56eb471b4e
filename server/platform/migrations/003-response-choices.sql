-- 003: a round's results read one value per response instead of one row per answer. Each response carries its chosen
-- options packed into a short string (server/domain/survey/choices.ts: per chosen option of a question, the character
-- 48 + the question's position in the questionnaire version's questions, then 48 + the option's position in its
-- options), written in the same transaction as its answers. Measured on 200,000 responses (3.6 million answers): the
-- per-answer pass over answers_round_grid_response, gluing and splitting answer keys, took about a second of a
-- 1.4 s computation; reading the packed choices, joined per grid, takes under 0.1 s. The answers stay the record of
-- what was said; this column is derived from them. Responses stored before this migration are packed here from their
-- answers and their round's questionnaire (about 1.5 s for the 3.6 million answers above).

ALTER TABLE responses ADD COLUMN choices TEXT;

CREATE TEMP TABLE option_positions (
  survey_id   INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  option_code TEXT NOT NULL,
  packed      TEXT NOT NULL,
  PRIMARY KEY (survey_id, question_id, option_code)
);

INSERT OR IGNORE INTO option_positions (survey_id, question_id, option_code, packed)
SELECT s.id, json_extract(q.value, '$.id'), json_extract(o.value, '$.code'), char(48 + q.key) || char(48 + o.key)
FROM surveys s, json_each(s.definition, '$.questions') q, json_each(q.value, '$.options') o;

-- The order of a response's pairs does not matter to the results; screening, text and unknown codes have no pair.
UPDATE responses SET choices = coalesce((
  SELECT group_concat(p.packed, '')
  FROM answers a
  JOIN rounds r ON r.id = responses.round_id
  JOIN option_positions p ON p.survey_id = r.survey_id AND p.question_id = a.question_id AND p.option_code = a.option_code
  WHERE a.response_id = responses.id
), '');

DROP TABLE option_positions;
