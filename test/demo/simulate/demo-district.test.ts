// The demo district: the promised shape (docs/rules.md#demo-district: 5–8 townships, 30–60 villages/communities, about 200
// grids with populations), a valid tree that the units importer accepts, the same district every time, and villages
// whose levels tell the stories the half-year summary needs.
import t from 'tap';
import { buildDemoDistrict, demoLevels } from '../../../server/demo/simulate/demo-district.js';
import { parseUnitsCsv } from '../../../server/features/units/core/import.js';
import type { UnitLevel } from '../../../server/core/units/unit.js';

const district = buildDemoDistrict();
const byLevel = (level: UnitLevel) => district.rows.filter((r) => r.level === level);

t.test('the district has the promised shape', async (t) => {
  t.equal(byLevel('district').length, 1);
  t.equal(byLevel('district')[0].name, '清河区');
  t.equal(byLevel('township').length, 6);
  const villages = byLevel('village');
  t.ok(villages.length >= 30 && villages.length <= 60, `${villages.length} villages`);
  t.ok(villages.some((v) => v.name.endsWith('村')), 'has 村');
  t.ok(villages.some((v) => v.name.endsWith('社区')), 'has 社区');
  const grids = byLevel('grid');
  t.ok(grids.length >= 170 && grids.length <= 230, `${grids.length} grids`);
  for (const g of grids) {
    t.ok(g.population !== null && g.population >= 800 && g.population <= 3000, `${g.code} population ${g.population}`);
    t.ok(g.households !== null && g.households > 0 && g.households < (g.population ?? 0), `${g.code} households`);
  }
  t.equal(new Set(grids.map((g) => g.name)).size, grids.length, 'grid names are unique');
  // Codes spell the path: township QH01, village QH01-01, grid QH01-01-01.
  for (const r of district.rows) {
    const pattern = { district: /^QH$/, township: /^QH0[1-6]$/, village: /^QH0[1-6]-\d{2}$/, grid: /^QH0[1-6]-\d{2}-\d{2}$/ }[r.level];
    t.match(r.code, pattern, `${r.code} is a ${r.level} code`);
    if (r.parentCode !== null) t.ok(r.code.startsWith(r.parentCode), `${r.code} starts with its parent's code`);
  }
});

t.test('the tree is valid: unique codes, each parent one level up and listed before its children, totals add up', async (t) => {
  const seen = new Map<string, UnitLevel>();
  const parentLevel: Record<UnitLevel, UnitLevel | null> = { district: null, township: 'district', village: 'township', grid: 'village' };
  for (const row of district.rows) {
    t.notOk(seen.has(row.code), `${row.code} unique`);
    const expected = parentLevel[row.level];
    if (expected === null) t.equal(row.parentCode, null);
    else t.equal(row.parentCode === null ? undefined : seen.get(row.parentCode), expected, `${row.code} parent level`);
    seen.set(row.code, row.level);
  }
  for (const v of byLevel('village')) {
    const sum = byLevel('grid').filter((g) => g.parentCode === v.code).reduce((s, g) => s + (g.population ?? 0), 0);
    t.equal(v.population, sum, `${v.code} population is the sum of its grids`);
  }
  // The product's own importer accepts it, written out as the CSV a committee would upload.
  const csv = ['code,name,parent_code,level,population,households']
    .concat(district.rows.map((r) => [r.code, r.name, r.parentCode ?? '', r.level, r.population ?? '', r.households ?? ''].join(',')))
    .join('\n');
  const parsed = parseUnitsCsv(csv, new Map());
  t.same(parsed.errors, []);
  t.equal(parsed.rows.length, district.rows.length);
});

t.test('the district is deterministic', async (t) => {
  const again = buildDemoDistrict();
  t.same(again.rows, district.rows);
  t.same(again.villages, district.villages);
  t.same(demoLevels(again, 3), demoLevels(district, 3));
  const grid = district.grids[5].code;
  t.equal(district.levelFor(grid, 3), demoLevels(district, 3).get(grid), 'levelFor gives the month\'s level of a grid');
  t.equal(district.levelFor('XX99', 3), undefined, 'and nothing for a code outside the district');
  t.not(JSON.stringify(buildDemoDistrict(1).rows), JSON.stringify(district.rows), 'another seed, another district');
});

t.test('levels: every grid and village each month, in [0, 1], with weak, improving and declining villages', async (t) => {
  const months = [0, 1, 2, 3, 4, 5].map((m) => demoLevels(district, m));
  for (const levels of months) {
    for (const row of district.rows.filter((r) => r.level === 'grid' || r.level === 'village')) {
      const level = levels.get(row.code);
      t.ok(level !== undefined && level >= 0 && level <= 1, `${row.code} level`);
    }
  }
  const stories = (s: string) => district.villages.filter((v) => v.story === s);
  t.equal(stories('weak').length, 3);
  t.equal(stories('improving').length, 2);
  t.equal(stories('declining').length, 2);
  const typical = [...months[0].entries()].filter(([code]) => district.villages.some((v) => v.code === code && v.story === null)).map(([, l]) => l);
  const median = typical.sort((a, b) => a - b)[Math.floor(typical.length / 2)];
  for (const v of stories('weak')) {
    for (const levels of months) t.ok((levels.get(v.code) ?? 1) < median - 0.08, `${v.name} stays well below the median every month`);
  }
  for (const v of stories('improving')) t.ok((months[5].get(v.code) ?? 0) - (months[0].get(v.code) ?? 0) > 0.08, `${v.name} improves`);
  for (const v of stories('declining')) t.ok((months[0].get(v.code) ?? 0) - (months[5].get(v.code) ?? 0) > 0.08, `${v.name} declines`);
  // Grids drift a little from month to month, not wildly.
  const g = district.grids[0].code;
  t.not(months[0].get(g), months[1].get(g));
  t.ok(Math.abs((months[0].get(g) ?? 0) - (months[1].get(g) ?? 0)) < 0.1);
});
