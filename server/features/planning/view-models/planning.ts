// The planner page's figures as text (docs/statistics.md#planner-page): what the API gives, rounded for reading.
import type { Round } from '../../../core/rounds/round.js';
import type { SmallAreaLevel } from '../../../core/results/small-area.js';
import type { PlannerPage } from '../planning-service.js';

const LEVEL_NAMES: Record<SmallAreaLevel, string> = { grid: '网格', village: '村（社区）' };

const fixed = (x: number, digits: number): string => x.toFixed(digits);
const interviews = (n: number | null): string => (n === null ? '无法达到' : `${n} 份`);

function roundOption(r: Round, picked: Round | undefined): { code: string; label: string; selected: boolean } {
  return { code: r.code, label: `${r.period}（${r.code}）`, selected: r.code === picked?.code };
}

/** The page's data: the form, and the advice's figures formatted once so that the page and its tests read the same. */
export function plannerPageOf(page: PlannerPage, level: SmallAreaLevel) {
  const a = page.advice;
  const unit = LEVEL_NAMES[level];
  return {
    rounds: page.rounds.map((r) => roundOption(r, page.round)),
    levels: (['grid', 'village'] as const).map((l) => ({ value: l, label: LEVEL_NAMES[l], selected: l === level })),
    unit,
    township: page.township,
    roundCode: page.round?.code,
    refusal: page.refusal,
    advice: a && {
      c: fixed(a.c, 1),
      sigma2u: fixed(a.sigma2u, 1),
      // σ²_u = 0: the units differ no more than sampling noise; no sample size makes them distinguishable.
      noSpread: a.sigma2u === 0,
      meanGamma: fixed(a.meanGamma, 2),
      currentN: a.currentN,
      for07: interviews(a.nForReliability['0.7']),
      for08: interviews(a.nForReliability['0.8']),
      for5: interviews(a.nForChange['5']),
      for10: interviews(a.nForChange['10']),
      halfWidthNow: fixed(a.halfWidth[String(a.currentN)], 1),
      halfWidth50: fixed(a.halfWidth['50'], 1),
      table: a.table.map((r) => ({
        n: r.n,
        reliability: fixed(r.reliability, 2),
        halfWidth: fixed(r.halfWidth, 1),
        detectableChange: fixed(r.detectableChange, 1),
      })),
      paragraph: a.paragraph,
    },
  };
}
