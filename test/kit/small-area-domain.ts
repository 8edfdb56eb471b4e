// A district big enough for small-area models: three townships of four villages, each village with two grids (24
// grids, 12 villages), the results kit's short questionnaire, and seeded answers whose levels differ by township and
// by grid, with grid sizes from 0 to 40 interviews (so some grids have 0, 1 and 2).
import type { Repos } from '../../server/platform/repos.js';
import type { UnitRow } from '../../server/core/units/unit.js';
import { mulberry32 } from '../../server/core/stats/rng.js';
import { createRound, openRoundById, type NewRound } from '../../server/features/rounds/rounds-service.js';
import { answerGrids, smallRound, type GridAnswers, type SmallRound } from './results-domain.js';
import type { Teardown } from './app.js';

export const GRID_SIZES = [0, 1, 2, 14, 25, 12, 9, 30, 3, 18, 11, 40, 5, 13, 22, 10, 16, 2, 12, 28, 7, 15, 20, 13];

function pick(u: () => number, shift: number, codes: string, weights: number[]): string {
  const w = weights.map((x, i) => x * Math.exp(-shift * i));
  let r = u() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < w.length; i++) if ((r -= w[i]) < 0) return codes[i];
  return codes[codes.length - 1];
}

/** Seeded answers: grid g of township t leans toward better answers by its township's and its own effect. */
export function seededAnswers(seed: number, sizes: readonly number[] = GRID_SIZES): GridAnswers[] {
  const u = mulberry32(seed);
  return sizes.map((n, g) => {
    const shift = 0.35 * (Math.floor(g / 8) - 1) + 1.6 * (u() - 0.5);
    const a: GridAnswers = { q1: '', q2: '', q3: '', k1: '' };
    for (let j = 0; j < n; j++) {
      a.q1 += pick(u, shift, 'ABCDEX', [3, 3, 2, 1, 0.5, 0.4]);
      a.q2 += pick(u, shift, 'ABCX', [3, 2, 1, 0.4]);
      a.q3 += pick(u, shift, 'YN', [2, 1]);
      a.k1 += pick(u, 0, 'ABCX', [3, 1, 1, 1]);
    }
    return a;
  });
}

/** The 3 × 4 × 2 district with an open round over it (the results kit's questionnaire and round defaults). */
export function bigRound(repos: Repos, t: Teardown, overrides: Partial<NewRound> = {}): SmallRound {
  // The results kit's small district brings the questionnaire; the bigger tree is imported beside it.
  const base = smallRound(repos, t);
  const rows: UnitRow[] = [{ code: 'B01', name: '大区', parentCode: null, level: 'district', population: null, households: null }];
  for (let t1 = 1; t1 <= 3; t1++) {
    const tc = `B01-T${t1}`;
    rows.push({ code: tc, name: `第${t1}镇`, parentCode: 'B01', level: 'township', population: null, households: null });
    for (let v = 1; v <= 4; v++) {
      const vc = `${tc}-V${v}`;
      rows.push({ code: vc, name: `${t1}镇${v}村`, parentCode: tc, level: 'village', population: null, households: null });
      for (let g = 1; g <= 2; g++) {
        rows.push({ code: `${vc}-G${g}`, name: `${t1}镇${v}村${g}格`, parentCode: vc, level: 'grid', population: 1000, households: null });
      }
    }
  }
  repos.units.importUnits(rows);
  const district = repos.units.getByCode('B01');
  if (!district) throw new Error('B01');
  const draft = createRound(repos, {
    surveyVersionId: base.round.surveyVersionId,
    period: '2025-04',
    unitIds: [district.id],
    quotaPerGrid: 13,
    minSample: 4,
    ...overrides,
  });
  const all = repos.units.all();
  const grids = rows.filter((r) => r.level === 'grid').map((r) => all.find((x) => x.code === r.code)).filter((x) => x !== undefined);
  return {
    ...base,
    round: openRoundById(repos, draft.id),
    district,
    townships: all.filter((x) => x.level === 'township' && x.code.startsWith('B01')),
    villages: all.filter((x) => x.level === 'village' && x.code.startsWith('B01')),
    grids,
  };
}

export function answerBigRound(repos: Repos, s: SmallRound, seed = 7): void {
  answerGrids(repos, s, seededAnswers(seed));
}
