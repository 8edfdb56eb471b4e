// Hand-made round results for the bulletin content tests: a district with three townships (one too thin to rank) and
// four villages, over a two-question questionnaire with an item and a rate.
import type { Estimate, RoundResults, UnitResult } from '../../server/core/results/types.js';
import type { Survey } from '../../server/core/survey/model.js';
import type { Round } from '../../server/core/rounds/round.js';

export const survey: Survey = {
  id: 's',
  title: '测试问卷',
  intro: '',
  screenOutMessage: '',
  thankYou: '',
  screening: [],
  questions: [
    { id: 'Q1', text: '安全吗', type: 'single', required: true, options: [] },
    { id: 'Q2', text: '满意吗', type: 'single', required: true, options: [] },
  ],
  indices: [
    { id: 'safety', name: '安全感', kind: 'item', question: 'Q1' },
    { id: 'safe_rate', name: '安全感率', kind: 'rate', question: 'Q1', options: ['A'] },
  ],
  composite: { name: '民调综合得分', weights: { safety: 1 } },
};

/** An estimate with a ±2 interval, SE 1 and the given don't-know share. */
export const estimateWith = (dontKnow: number) => (value: number | null, n = 10): Estimate => ({
  value,
  se: value === null ? null : 1,
  lo: value === null ? null : value - 2,
  hi: value === null ? null : value + 2,
  n,
  dontKnow,
});

export const est = estimateWith(0.1);

/** A unit's results whose estimates carry the given don't-know share. */
export function unitWith(dontKnow: number) {
  const est = estimateWith(dontKnow);
  return (code: string, level: UnitResult['level'], parentCode: string | null, value: number | null, extra: Partial<UnitResult> = {}): UnitResult => {
    const n = extra.n ?? (value === null ? 0 : 20);
    return {
      unitId: 0,
      code,
      name: `单位${code}`,
      level,
      parentCode,
      n,
      screenedOut: 0,
      quota: 20,
      grids: 2,
      insufficient: n < 5,
      equalWeights: false,
      composite: est(value, n),
      indices: { safety: est(value, n), safe_rate: est(value === null ? null : 0.9, n) },
      items: { Q1: est(value, n), Q2: est(value === null ? null : value - 10, n) },
      knowledge: null,
      rank: null,
      rankChange: null,
      scoreChange: null,
      weakest: value === null ? [] : [{ questionId: 'Q2', text: '满意吗', value: value - 10 }],
      ...extra,
    };
  };
}

export const unit = unitWith(0.1);

export function results(period: string, units: UnitResult[], previous: string | null = null): RoundResults {
  return {
    roundId: 1,
    roundCode: `${period}-s`,
    period,
    state: 'closed',
    surveyKey: 's',
    surveyVersionId: 1,
    previousRoundCode: previous,
    computedAt: '2026-11-01T00:00:00.000Z',
    minSample: 5,
    units: Object.fromEntries(units.map((u) => [u.code, u])),
    aapor: null,
    receipts: { D: { opened: 4, answered: 3, closed: 1, overdue: 1, feedbackRate: 0.75 } },
  };
}

export const round = (period: string): Round => ({
  id: 1,
  code: `${period}-s`,
  surveyVersionId: 1,
  surveyKey: 's',
  period,
  kind: 'monthly',
  state: 'closed',
  quotaPerGrid: 10,
  minSample: 5,
  channels: ['web'],
  eligibilityE: null,
  unitIds: [1],
  createdAt: '',
  openedAt: null,
  closedAt: null,
});

/** October: T2 first, T1 second, T3 three interviews; villages ranked V2, V1, V4, V3. */
export function month(period: string, previous: string | null, shift = 0): RoundResults {
  return results(
    period,
    [
      unit('D', 'district', null, 85 + shift),
      unit('T1', 'township', 'D', 80.5 + shift, { rank: 2, rankChange: -1, scoreChange: -1.256 }),
      unit('T2', 'township', 'D', 90.125 + shift, { rank: 1, rankChange: 1, scoreChange: 2 }),
      unit('T3', 'township', 'D', 70, { n: 3 }),
      unit('V1', 'village', 'T1', 80 + shift, { rank: 2 }),
      unit('V2', 'village', 'T2', 91 + shift, { rank: 1 }),
      unit('V3', 'village', 'T1', 60 + shift, { rank: 4 }),
      unit('V4', 'village', 'T2', 75 + shift, { rank: 3 }),
    ],
    previous,
  );
}
