-- 035: the results read a round's receipt counts per grid on every read of live receipts (docs/architecture.md#performance-targets).
-- Through receipts_round_grid SQLite looked each receipt's row up for its state and dates: 145 ms for a round of
-- 347,000 receipts on the 2-core machine, on the event loop. An index that holds those columns answers the count from
-- the index alone (45–60 ms measured on the same round); it starts with (round_id, grid_id), so it replaces the old one.
CREATE INDEX receipts_round_grid_state ON receipts(round_id, grid_id, state, due_at, created_at);
DROP INDEX receipts_round_grid;
