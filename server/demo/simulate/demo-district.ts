// The demo's fictional district, 清河区 (QH): three urban streets of communities and three rural towns of villages,
// about 200 grids with resident populations (codes QH01 → QH01-01 → QH01-01-01), and a latent satisfaction level for every unit and month. A few villages
// stay weak, two improve and two decline over the months, so the bulletin's rankings and the half-year summary have
// stories to tell. Everything is derived from a fixed seed: the same district on every machine.
import type { UnitRow } from '../../core/units/unit.js';
import { clamp01, createRng, type Rng } from '../../core/stats/rng.js';

export const DEMO_DISTRICT_CODE = 'QH';
export const DEMO_DISTRICT_NAME = '清河区';
export const DEMO_SEED = 20260101;

export type VillageStory = 'weak' | 'improving' | 'declining' | null;

export interface DemoVillage {
  code: string;
  name: string;
  townshipCode: string;
  /** Latent level in the first simulated month. */
  base: number;
  /** Change of the latent level per month. */
  trend: number;
  story: VillageStory;
}

export interface DemoGrid {
  code: string;
  villageCode: string;
  /** The grid's own difference from its village's level. */
  offset: number;
}

export interface DemoDistrict {
  code: string;
  name: string;
  /** Parents before children: ready for UnitsRepo.importUnits. */
  rows: UnitRow[];
  villages: DemoVillage[];
  grids: DemoGrid[];
  seed: number;
  /** Latent level (0–1) of a grid or village in month `month` (0 = the first simulated month); undefined for other codes. */
  levelFor(code: string, month: number): number | undefined;
}

interface TownshipPlan {
  name: string;
  urban: boolean;
  villages: string[];
}

// Urban streets are made of 社区 with more, larger grids; towns of 村 plus their market-town 社区.
const TOWNSHIPS: TownshipPlan[] = [
  { name: '城关街道', urban: true, villages: ['东门社区', '西街社区', '南苑社区', '北湖社区', '人民路社区', '解放社区', '新华社区'] },
  { name: '文昌街道', urban: true, villages: ['文昌社区', '书院社区', '学府社区', '锦绣社区', '桂花社区', '朝阳社区'] },
  { name: '滨江街道', urban: true, villages: ['滨江社区', '望江社区', '江景社区', '码头社区', '翠竹社区', '紫薇社区', '和平社区'] },
  { name: '清溪镇', urban: false, villages: ['清溪社区', '青山村', '石桥村', '柳塘村', '杨家村', '李家湾村', '龙潭村', '枫树村'] },
  { name: '白沙镇', urban: false, villages: ['白沙社区', '新塘村', '荷花村', '茶园村', '金竹村', '梅溪村', '马田村', '双井村'] },
  { name: '桃源乡', urban: false, villages: ['桃花村', '黄土岭村', '长冲村', '高桥村', '松林村', '下湾村', '花果村'] },
];

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const DISTRICT_LEVEL = 0.86;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function gridCount(urban: boolean, isCommunity: boolean, rng: Rng): number {
  if (urban) return rng.int(4, 7);
  return isCommunity ? rng.int(4, 6) : rng.int(2, 5);
}

function gridPopulation(urban: boolean, rng: Rng): { population: number; households: number } {
  const population = urban ? rng.int(1400, 3000) : rng.int(800, 1900);
  const perHousehold = urban ? rng.uniform(2.5, 2.9) : rng.uniform(2.9, 3.4);
  return { population, households: Math.round(population / perHousehold) };
}

/** Picks the villages that carry the stories: 3 persistently weak, 2 improving, 2 declining, all different. */
function assignStories(villages: DemoVillage[], rng: Rng): void {
  const picked = rng.sample(villages, 7);
  picked.slice(0, 3).forEach((v) => {
    v.story = 'weak';
    v.base = rng.uniform(0.66, 0.71);
    v.trend = rng.uniform(-0.003, 0.003);
  });
  picked.slice(3, 5).forEach((v) => {
    v.story = 'improving';
    v.base = rng.uniform(0.7, 0.74);
    v.trend = rng.uniform(0.022, 0.03);
  });
  picked.slice(5, 7).forEach((v) => {
    v.story = 'declining';
    v.base = rng.uniform(0.86, 0.9);
    v.trend = -rng.uniform(0.02, 0.028);
  });
}

/** Population and households of a unit: the sums over its children. */
function totalsOf(children: UnitRow[]): { population: number; households: number } {
  return {
    population: children.reduce((s, r) => s + (r.population ?? 0), 0),
    households: children.reduce((s, r) => s + (r.households ?? 0), 0),
  };
}

/** One village's latent trend line, its unit row and its grids'. Draws from `rng` in a fixed order. */
function buildVillage(
  township: TownshipPlan,
  townshipCode: string,
  townshipEffect: number,
  name: string,
  index: number,
  rng: Rng,
): { village: DemoVillage; row: UnitRow; gridRows: UnitRow[]; grids: DemoGrid[] } {
  const villageCode = `${townshipCode}-${pad(index + 1)}`;
  const village: DemoVillage = {
    code: villageCode,
    name,
    townshipCode,
    base: clamp01(DISTRICT_LEVEL + townshipEffect + rng.normal(0, 0.035)),
    trend: rng.normal(0, 0.004),
    story: null,
  };
  const gridRows: UnitRow[] = [];
  const grids: DemoGrid[] = [];
  const count = gridCount(township.urban, name.endsWith('社区'), rng);
  for (let g = 1; g <= count; g++) {
    const code = `${villageCode}-${pad(g)}`;
    const { population, households } = gridPopulation(township.urban, rng);
    gridRows.push({ code, name: `${name}第${NUMERALS[g - 1]}网格`, parentCode: villageCode, level: 'grid', population, households });
    grids.push({ code, villageCode, offset: rng.normal(0, 0.025) });
  }
  const row: UnitRow = { code: villageCode, name, parentCode: townshipCode, level: 'village', ...totalsOf(gridRows) };
  return { village, row, gridRows, grids };
}

/** A township's rows (itself, its villages, then all their grids), adding its villages and grids to the lists. */
function buildTownship(township: TownshipPlan, index: number, rng: Rng, villages: DemoVillage[], grids: DemoGrid[]): UnitRow[] {
  const townshipCode = `${DEMO_DISTRICT_CODE}${pad(index + 1)}`;
  const townshipEffect = rng.normal(0, 0.025);
  const villageRows: UnitRow[] = [];
  const gridRows: UnitRow[] = [];
  township.villages.forEach((name, vi) => {
    const built = buildVillage(township, townshipCode, townshipEffect, name, vi, rng);
    villages.push(built.village);
    grids.push(...built.grids);
    villageRows.push(built.row);
    gridRows.push(...built.gridRows);
  });
  const townshipRow: UnitRow = { code: townshipCode, name: township.name, parentCode: DEMO_DISTRICT_CODE, level: 'township', ...totalsOf(villageRows) };
  return [townshipRow, ...villageRows, ...gridRows];
}

/** `levelFor` of a district: each month's levels are computed once, on first use. */
function memoisedLevels(district: Pick<DemoDistrict, 'villages' | 'grids' | 'seed'>): (code: string, month: number) => number | undefined {
  const months = new Map<number, Map<string, number>>();
  return (code, month) => {
    let levels = months.get(month);
    if (!levels) {
      levels = demoLevels(district, month);
      months.set(month, levels);
    }
    return levels.get(code);
  };
}

export function buildDemoDistrict(seed: number = DEMO_SEED): DemoDistrict {
  const rng = createRng(seed, 'district');
  const villages: DemoVillage[] = [];
  const grids: DemoGrid[] = [];
  const belowDistrict = TOWNSHIPS.flatMap((township, ti) => buildTownship(township, ti, rng, villages, grids));
  const rows: UnitRow[] = [
    {
      code: DEMO_DISTRICT_CODE,
      name: DEMO_DISTRICT_NAME,
      parentCode: null,
      level: 'district',
      ...totalsOf(belowDistrict.filter((r) => r.level === 'township')),
    },
    ...belowDistrict,
  ];
  assignStories(villages, rng.fork('stories'));
  return { code: DEMO_DISTRICT_CODE, name: DEMO_DISTRICT_NAME, rows, villages, grids, seed, levelFor: memoisedLevels({ villages, grids, seed }) };
}

/**
 * Latent levels for month `month` (0 = the first simulated month), by unit code: every village (its trend line)
 * and every grid (its village's level, its own offset, and a little month-to-month drift).
 */
export function demoLevels(district: Pick<DemoDistrict, 'villages' | 'grids' | 'seed'>, month: number): Map<string, number> {
  const levels = new Map<string, number>();
  const villageLevel = new Map<string, number>();
  for (const v of district.villages) {
    const level = clamp01(v.base + v.trend * month);
    villageLevel.set(v.code, level);
    levels.set(v.code, level);
  }
  for (const g of district.grids) {
    const drift = createRng(district.seed, 'drift', g.code, month).normal(0, 0.015);
    levels.set(g.code, clamp01((villageLevel.get(g.villageCode) ?? DISTRICT_LEVEL) + g.offset + drift));
  }
  return levels;
}
