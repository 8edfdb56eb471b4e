// Shared test fixtures: a small four-level district and an open round of a questionnaire over it.
import { paths } from '../../server/paths.js';
import type { Repos } from '../../server/platform/repos.js';
import type { Round } from '../../server/core/rounds/round.js';
import type { Unit, UnitRow } from '../../server/core/units/unit.js';
import { createRound, openRoundById, type NewRound } from '../../server/features/rounds/rounds-service.js';

export interface SmallDistrict {
  district: Unit;
  townships: Unit[];
  villages: Unit[];
  grids: Unit[];
}

const TOWNSHIPS = [
  { name: '东城街道', villages: ['东门社区', '南门社区'] },
  { name: '西山镇', villages: ['青山村', '绿水村'] },
];

/**
 * 1 district (D01 示范区), 2 townships (D01-T1, D01-T2), 2 villages each (D01-T1-V1 …), 2 grids each
 * (D01-T1-V1-G1 …). Every grid has a population and households; the totals are summed upwards.
 */
export function smallDistrict(repos: Repos): SmallDistrict {
  const rows: UnitRow[] = [];
  const grids: UnitRow[] = [];
  const villages: UnitRow[] = [];
  const townships: UnitRow[] = [];
  TOWNSHIPS.forEach((tw, ti) => {
    const twCode = `D01-T${ti + 1}`;
    const township: UnitRow = { code: twCode, name: tw.name, parentCode: 'D01', level: 'township', population: 0, households: 0 };
    townships.push(township);
    tw.villages.forEach((vName, vi) => {
      const vCode = `${twCode}-V${vi + 1}`;
      const village: UnitRow = { code: vCode, name: vName, parentCode: twCode, level: 'village', population: 0, households: 0 };
      villages.push(village);
      for (let g = 1; g <= 2; g++) {
        const population = 800 + 100 * (ti * 4 + vi * 2 + g);
        const households = Math.round(population / 3);
        grids.push({ code: `${vCode}-G${g}`, name: `${vName}第${g === 1 ? '一' : '二'}网格`, parentCode: vCode, level: 'grid', population, households });
        village.population = (village.population ?? 0) + population;
        village.households = (village.households ?? 0) + households;
      }
      township.population = (township.population ?? 0) + (village.population ?? 0);
      township.households = (township.households ?? 0) + (village.households ?? 0);
    });
  });
  const district: UnitRow = {
    code: 'D01',
    name: '示范区',
    parentCode: null,
    level: 'district',
    population: townships.reduce((s, t) => s + (t.population ?? 0), 0),
    households: townships.reduce((s, t) => s + (t.households ?? 0), 0),
  };
  rows.push(district, ...townships, ...villages, ...grids);
  repos.units.importUnits(rows);
  const get = (code: string): Unit => {
    const unit = repos.units.getByCode(code);
    if (!unit) throw new Error(`fixture unit ${code} missing`);
    return unit;
  };
  return {
    district: get(district.code),
    townships: townships.map((u) => get(u.code)),
    villages: villages.map((u) => get(u.code)),
    grids: grids.map((u) => get(u.code)),
  };
}

/**
 * Loads the questionnaires from surveys/, then creates and opens a monthly round (period 2025-01 unless overridden)
 * of the latest version of `surveyKey` over the district root. Call smallDistrict (or import units) first.
 */
export function openRound(repos: Repos, surveyKey = 'hunan-100', overrides: Partial<NewRound> = {}): Round {
  repos.surveys.syncFromDirectory(paths.surveys);
  const version = repos.surveys.latest(surveyKey);
  if (!version) throw new Error(`fixture questionnaire ${surveyKey} missing`);
  const root = repos.units.roots()[0];
  if (!root) throw new Error('openRound needs units: call smallDistrict first');
  const draft = createRound(repos, { surveyVersionId: version.versionId, period: '2025-01', unitIds: [root.id], ...overrides });
  return openRoundById(repos, draft.id);
}
