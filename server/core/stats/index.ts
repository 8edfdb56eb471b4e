// Survey statistics for SafePoll (docs/statistics.md): pure functions over plain numbers, no framework and no SQL.
export { studentTQuantile, studentTCdf, normalQuantile, regularizedIncompleteBeta } from './tdist.js';
export { wilsonInterval, Z_95 } from './wilson.js';
export { estimateMean, estimateRate, meanFromRecords, rateFromRecords, t975 } from './estimates.js';
export type { GridItemSums, MeanEstimate, ItemRecord } from './estimates.js';
export { CrossProductAccumulator, combineCrossProducts, estimateLinear, compositeFromRecords } from './composite.js';
export type { LinearEstimate, LinearItem, CompositeRecord } from './composite.js';
export { competitionRank, rankChange, weakestItems, roundScore } from './ranking.js';
export { aaporRates } from './aapor.js';
export type { AaporCounts } from './aapor.js';
export { formatScore, formatRate, formatRankChange, formatInterval } from './format.js';
export type { IntervalKind } from './format.js';
export { changeVerdict, changeThreshold, beyondNoise } from './change.js';
export type { ChangeVerdict, Measured } from './change.js';
export { rankRanges, sequentialRankRanges, RANK_RANGE_DRAWS, RANK_RANGE_SEED, type RankRangeRunner } from './rank-range.js';
export type { RankRange, RankEntry, RankRangeOptions } from './rank-range.js';
export { meanOfMonths, weightedSlope } from './pooled.js';
export type { MonthEstimate, PooledEstimate, Slope } from './pooled.js';
