-- 033: which estimate ranks a round's villages and grids. With about 13 interviews a grid, a rank by the direct
-- estimate is mostly chance; the small-area (model) estimate pulls small units toward their township's level
-- (docs/statistics.md#small-area-estimates). New rounds rank by the model unless the committee chooses the direct
-- estimate; rounds that existed before keep the direct ranking their bulletins were issued with.
ALTER TABLE rounds ADD COLUMN ranking_estimate TEXT NOT NULL DEFAULT 'model' CHECK (ranking_estimate IN ('model', 'direct'));
UPDATE rounds SET ranking_estimate = 'direct';
