-- 002: results read a round's answers in one pass, grid by grid and response by response, from this covering index
-- (no table lookups, no sorting): measured on 200,000 responses, per-question aggregation over answers_round_question
-- needed a table lookup per answer and a sort, several seconds; this scan takes well under one. answers_round_question
-- served only the results and is dropped so that every stored answer does not update two indexes for one reader.
CREATE INDEX answers_round_grid_response ON answers(round_id, grid_id, response_id, question_id, option_code);
DROP INDEX answers_round_question;
