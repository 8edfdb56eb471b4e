-- 036: every computation of a round's results counts the final call attempts per grid, interviewer, roster category
-- and disposition (features/phone-interviews/calls-repo.ts finalDispositionRows). Through calls_round SQLite looked each
-- call's row up for its interviewer, contact and disposition: at 90,000 calls of a round (bench/results.ts, 200,000
-- responses) 251 ms best of five, machine loaded; with those columns in the index it reads the index alone: 131 ms on
-- the same copy at the same time. It starts with (round_id, grid_id), so it replaces calls_round.
CREATE INDEX calls_round_grid_final ON calls(round_id, grid_id, interviewer_id, contact_id, disposition);
DROP INDEX calls_round;
