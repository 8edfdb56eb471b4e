// Which arrivals are held for review (待核查) instead of counted, from facts about the arrival gathered by the caller.
import type { Answers } from '../../../core/survey/model.js';
import type { IntegritySettings } from './settings.js';

export type HoldReason = 'burst' | 'network' | 'quota' | 'pattern' | 'spread' | 'networkRound' | 'areaBurst';
export type ReviewState = 'held' | 'accepted' | 'rejected';

export const HOLD_REASON_LABELS: Readonly<Record<HoldReason, string>> = {
  burst: '网格提交量突增',
  network: '同一网络集中提交',
  quota: '超过网格配额倍数',
  pattern: '相同答案集中出现',
  spread: '同一网络在多个网格提交',
  networkRound: '同一网络本轮提交过多',
  areaBurst: '村或乡镇提交量突增',
};

export const REVIEW_STATE_LABELS: Readonly<Record<ReviewState, string>> = {
  held: '待核查',
  accepted: '已采纳',
  rejected: '已剔除',
};

export const HOLD_REASONS: readonly HoldReason[] = ['burst', 'network', 'quota', 'pattern', 'spread', 'networkRound', 'areaBurst'];

export function isHoldReason(value: unknown): value is HoldReason {
  return HOLD_REASONS.some((r) => r === value);
}

/** What is known of an arrival when it is judged; every count includes the arrival itself. */
export interface ArrivalFacts {
  /** Arrivals to the grid in the last hour. */
  gridLastHour: number;
  /** The burst threshold of the grid (rates.ts burstThreshold). */
  burstThreshold: number;
  /** Arrivals from the same network to the grid in the last hour. */
  networkLastHour: number;
  /** The grid's responses in the round, stored and held. */
  gridTotal: number;
  /** The round's quota per grid (0: no quota, the rule is off). */
  quota: number;
  /** Identical answer sets in the grid within the pattern window; 0 for an arrival whose pattern is not judged. */
  samePattern: number;
  /** Grids of the round the same network has answered in, this one included. */
  networkGrids: number;
  /** Arrivals (each a new device) from the same network in the round, in all its grids. */
  networkRound: number;
  /** Whether the arrivals of the grid's village or township in the last hour are above that area's burst threshold. */
  areaBurst: boolean;
}

/** The reasons to hold an arrival, none when it may be counted. */
export function holdReasons(facts: ArrivalFacts, settings: IntegritySettings): HoldReason[] {
  const reasons: HoldReason[] = [];
  if (facts.gridLastHour > facts.burstThreshold) reasons.push('burst');
  if (facts.networkLastHour > settings.networkMaxPerGridHour) reasons.push('network');
  if (facts.quota > 0 && facts.gridTotal > facts.quota * settings.quotaMultiple) reasons.push('quota');
  if (facts.samePattern > settings.patternMaxInWindow) reasons.push('pattern');
  // Across grids and the round: docs/rules.md#review-across-grids-and-the-round.
  if (facts.networkGrids > settings.networkMaxGridsPerRound) reasons.push('spread');
  if (facts.networkRound > settings.networkMaxPerRound) reasons.push('networkRound');
  if (facts.areaBurst) reasons.push('areaBurst');
  return reasons;
}

/**
 * The answer set as one comparable string: question ids in order, each with its sorted codes or its trimmed text.
 * Two residents giving the same answers give the same pattern, whatever order the form sent the fields in.
 */
export function answerPattern(answers: Answers): string {
  let pattern = '';
  for (const id of Object.keys(answers).sort()) {
    const value = answers[id];
    const part = value.kind === 'text' ? `t:${value.text.trim()}` : `c:${value.codes.length === 1 ? value.codes[0] : [...value.codes].sort().join('+')}`;
    pattern += pattern === '' ? `${id}=${part}` : `|${id}=${part}`;
  }
  return pattern;
}
