// A unit's results and its direct children's, as the results API returns them and the CLI prints them: one builder so
// both carry the same fields and numbers.
import { childrenOf, topUnit, unitSummary, type UnitSummary } from '../../core/results/summary.js';
import type { RoundResults, SmallAreaModels, UnitResult } from '../../core/results/types.js';
import { ownEntry } from '../../core/results/records.js';
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import { getRoundResults } from './round-results.js';
import { rankRangeOf } from '../../core/results/rank-ranges.js';
import { versionOfRound } from '../surveys/surveys-service.js';
// Anomaly review's part of each n (docs/rules.md#review-across-grids-and-the-round).
import { acceptedAfterReviewByGrid } from '../review/review-service.js';
import { acceptedPerUnit } from '../review/core/accepted-share.js';
import type { ModeGap } from '../../core/results/mode-gaps.js';

export interface ResultsReply {
  round: {
    code: string;
    period: string;
    state: RoundResults['state'];
    survey: { key: string; version: number; title: string };
    minSample: number;
    computedAt: string;
  };
  unit: ReviewedSummary;
  children: ReviewedSummary[];
  /** The unit's mode gaps (district and township; docs/statistics.md#answer-modes). */
  modeGaps: ModeGap[];
  /** The round's village and grid models (docs/statistics.md#small-area-estimates); null for hand-made results. */
  smallAreaModels: SmallAreaModels | null;
}

/** A unit's summary with how many of its completed interviews were held for review and then accepted. */
type ReviewedSummary = UnitSummary & { acceptedAfterReview: number };

/** Why there is no reply: the round has no units, the code is unknown, or the unit is not part of the round. */
export type ResultsMiss = 'round-empty' | 'unit-unknown' | 'unit-outside';

/** The reply for `unitCode` (default: the round's top unit), or why there is none. */
export function resultsReply(repos: Repos, round: Round, unitCode: string | undefined): ResultsReply | ResultsMiss {
  const results = getRoundResults(repos, round);
  // An own-property lookup: `?unit=__proto__` or `?unit=constructor` is an unknown unit, not Object.prototype.
  const unit = unitCode === undefined ? topUnit(results) : ownEntry(results.units, unitCode);
  if (!unit) {
    if (unitCode === undefined) return 'round-empty';
    return repos.units.getByCode(unitCode) ? 'unit-outside' : 'unit-unknown';
  }
  const version = versionOfRound(repos, round);
  const accepted = acceptedPerUnit(acceptedAfterReviewByGrid(repos, round.id), (code) => ownEntry(results.units, code)?.parentCode);
  const summary = (u: UnitResult): ReviewedSummary => ({ ...unitSummary(u, rankRangeOf(results, u.code)), acceptedAfterReview: accepted.get(u.code) ?? 0 });
  return {
    round: {
      code: round.code,
      period: round.period,
      state: results.state,
      survey: { key: round.surveyKey, version: version.version, title: version.survey.title },
      minSample: results.minSample,
      computedAt: results.computedAt,
    },
    unit: summary(unit),
    children: childrenOf(results, unit.code).map(summary),
    modeGaps: (results.modeGaps ? ownEntry(results.modeGaps, unit.code) : undefined) ?? [],
    smallAreaModels: results.smallAreaModels ?? null,
  };
}
