-- 005: answers.round_id, answers.grid_id, answers.score and answers.excluded were written with every answer and read
-- by nothing since 003 (results read responses.choices; the raw export reads question_id, option_code and text_value
-- through responses). round_id and grid_id repeat the response's own columns; score and excluded are the option's,
-- always recoverable from option_code and the round's questionnaire version. No index uses them (002 and 004 dropped
-- the ones that did), so they can go: each answer row is smaller and nothing can read a copy that drifted.
-- DROP COLUMN rewrites the table once (seconds for a few million answers).
ALTER TABLE answers DROP COLUMN round_id;
ALTER TABLE answers DROP COLUMN grid_id;
ALTER TABLE answers DROP COLUMN score;
ALTER TABLE answers DROP COLUMN excluded;
