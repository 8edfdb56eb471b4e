// The staff side's pure rules: where login may lead, who sees which units, the new-round form, quota progress.
import t from 'tap';
import { safeNextPath } from '../../../server/features/accounts/core/next-path.js';
import { canSeeUnit, roundTouchesScope, type UnitTree } from '../../../server/core/auth/scope.js';
import { checkRoundForm, type RoundFormInput } from '../../../server/features/rounds/core/round-form.js';
import { totalProgress, unitProgress } from '../../../server/features/rounds/core/progress.js';
import { periodLabel } from '../../../server/core/time/period.js';
import type { StaffUser } from '../../../server/core/auth/staff.js';

// district 1 → townships 2, 3 → village 4 (under 2) → grids 5, 6; grid 7 under township 3 directly
const parent = new Map<number, number>([[2, 1], [3, 1], [4, 2], [5, 4], [6, 4], [7, 3]]);
const tree: UnitTree = {
  isWithin(unitId, ancestorId) {
    for (let u: number | undefined = unitId; u !== undefined; u = parent.get(u)) if (u === ancestorId) return true;
    return false;
  },
};
const user = (role: StaffUser['role'], unitId: number | null): StaffUser => ({ id: 1, username: 'u', displayName: 'U', role, unitId });

t.test('next paths stay on this site', async (t) => {
  t.equal(safeNextPath('/units/T01?x=1'), '/units/T01?x=1');
  for (const bad of [undefined, '', '//evil.example', '/\\evil.example', 'https://evil.example', 'units', '/a\nb', '/login?next=/x']) {
    t.equal(safeNextPath(bad), '/', String(bad));
  }
});

t.test('roles are scoped to units', async (t) => {
  t.ok(canSeeUnit(user('committee', null), 7, tree));
  t.ok(canSeeUnit(user('admin', null), 5, tree));
  t.ok(canSeeUnit(user('township', 2), 2, tree), 'own unit');
  t.ok(canSeeUnit(user('township', 2), 6, tree), 'grid below');
  t.notOk(canSeeUnit(user('township', 2), 7, tree), 'other township');
  t.notOk(canSeeUnit(user('township', 2), 1, tree), 'the district above');
  t.ok(canSeeUnit(user('grid', 5), 5, tree));
  t.notOk(canSeeUnit(user('grid', 5), 6, tree), 'neighbouring grid');
  t.notOk(canSeeUnit(user('grid', null), 5, tree), 'an account without a unit sees nothing');
  t.ok(roundTouchesScope(user('grid', 5), [1], tree), 'a district round covers the grid');
  t.ok(roundTouchesScope(user('township', 2), [5], tree), 'a round of one grid inside the township');
  t.notOk(roundTouchesScope(user('grid', 5), [3], tree), 'a round of another township');
});

const lookups = {
  surveyKeyOf: (id: number) => (id === 1 ? 'hunan-100' : undefined),
  unitIdOf: (code: string) => ({ D: 1, T1: 2 } as Record<string, number>)[code],
  roundCodeTaken: (code: string) => code === '2025-01-hunan-100',
};
const good: RoundFormInput = { surveyVersionId: '1', period: '2025-03', kind: 'monthly', units: ['D'], quotaPerGrid: '12', minSample: '', channels: ['web', 'phone'] };

t.test('the new-round form', async (t) => {
  const ok = checkRoundForm(good, lookups);
  t.same(ok, {
    ok: true,
    value: { code: '2025-03-hunan-100', surveyVersionId: 1, period: '2025-03', kind: 'monthly', unitIds: [1], quotaPerGrid: 12, minSample: 5, channels: ['web', 'phone'] },
  });
  const sweep = checkRoundForm({ ...good, kind: 'sweep', period: '2025-H1' }, lookups);
  t.equal(sweep.ok && sweep.value.code, '2025-H1-hunan-100-sweep');

  const fieldsOf = (input: RoundFormInput) => {
    const r = checkRoundForm(input, lookups);
    return r.ok ? [] : r.errors.map((e) => e.field);
  };
  t.same(fieldsOf({ ...good, period: '2025-13' }), ['period']);
  t.same(fieldsOf({ ...good, period: '2025-H1' }), ['period'], 'half years only for sweeps');
  t.same(fieldsOf({ ...good, units: ['D', 'NOPE'] }), ['units']);
  t.same(fieldsOf({ ...good, units: [] }), ['units']);
  t.same(fieldsOf({ ...good, surveyVersionId: '9' }), ['surveyVersionId']);
  t.same(fieldsOf({ ...good, quotaPerGrid: '-1', minSample: '2.5' }), ['quotaPerGrid', 'minSample']);
  t.same(fieldsOf({ ...good, channels: [] }), ['channels']);
  t.same(fieldsOf({ ...good, channels: ['fax'] }), ['channels']);
  t.same(fieldsOf({ ...good, period: '2025-01' }), ['code'], 'an existing round');
  const bad = checkRoundForm({ ...good, period: '3月' }, lookups);
  t.match(bad.ok ? '' : bad.errors[0].message, '期间格式不正确');
});

t.test('progress against quota counts each grid up to its quota', async (t) => {
  const counts = new Map([
    [5, { complete: 15, screenedOut: 1 }],
    [6, { complete: 2, screenedOut: 0 }],
  ]);
  const row = unitProgress({ id: 4, code: 'V', name: '村' }, [5, 6, 7], counts, 10);
  t.same(
    { grids: row.grids, quota: row.quota, complete: row.complete, screenedOut: row.screenedOut, filled: row.filled, gridsMet: row.gridsMet, percent: row.percent },
    { grids: 3, quota: 30, complete: 17, screenedOut: 1, filled: 12, gridsMet: 1, percent: 40 },
  );
  const total = totalProgress({ id: 0, code: '', name: '合计' }, [row, unitProgress({ id: 3, code: 'T', name: '镇' }, [7], counts, 10)]);
  t.equal(total.quota, 40);
  t.equal(total.percent, 30);
  t.equal(unitProgress({ id: 1, code: 'x', name: 'x' }, [5], counts, 0).percent, null);
});

t.test('periods read in Chinese', async (t) => {
  t.equal(periodLabel('2025-03'), '2025年3月');
  t.equal(periodLabel('2025-H2'), '2025年下半年');
});
