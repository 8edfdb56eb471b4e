// A district whose first village (D01-T1-V1, 东门社区) has `gridsInVillage` grids, in an open round of period 2025-01,
// with staff of every reach: for the poster pages and their printing (route tests and the browser test).
import type { Repos } from '../../server/platform/repos.js';
import type { UnitRow } from '../../server/core/units/unit.js';
import { openRound, smallDistrict } from './fixtures.js';
import { PASSWORD } from './app.js';

export const VILLAGE = 'D01-T1-V1';
export const TOWNSHIP = 'D01-T1';

export function posterWorld(repos: Repos, gridsInVillage = 5): void {
  smallDistrict(repos);
  const extra: UnitRow[] = [];
  // smallDistrict gives every village two grids (G1, G2).
  for (let g = 3; g <= gridsInVillage; g++) {
    extra.push({ code: `${VILLAGE}-G${g}`, name: `东门社区第${g}网格`, parentCode: VILLAGE, level: 'grid', population: 900, households: 300 });
  }
  if (extra.length > 0) repos.units.importUnits(extra);
  openRound(repos);
  const unit = (code: string) => repos.units.getByCode(code)?.id ?? null;
  repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  repos.users.create({ username: 'township2', displayName: '西山镇', password: PASSWORD, role: 'township', unitId: unit('D01-T2') });
  repos.users.create({ username: 'grid', displayName: '网格员', password: PASSWORD, role: 'grid', unitId: unit(`${VILLAGE}-G1`) });
}

/** The grid codes of a unit in the round, in code order. */
export function gridCodesWithin(repos: Repos, code: string): string[] {
  const unit = repos.units.getByCode(code);
  if (!unit) throw new Error(`no unit ${code}`);
  return repos.units.descendants(unit.id, 'grid').map((g) => g.code);
}
