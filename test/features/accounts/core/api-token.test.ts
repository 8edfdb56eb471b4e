// What an API token reaches, how its name is checked, and when its use is written (features/accounts/core/api-token.ts).
import t from 'tap';
import type { UnitTree } from '../../../../server/core/auth/scope.js';
import {
  checkTokenName, listsRound, looksLikeToken, scopeCovers, scopeCoversAll, shouldRecordUse, staffScope, tokenScope,
  type ApiPrincipal,
} from '../../../../server/features/accounts/core/api-token.js';

// district 1 → townships 2, 3 → village 4 (under 2) → grid 5; a second district 9
const parent = new Map<number, number>([[2, 1], [3, 1], [4, 2], [5, 4]]);
const tree: UnitTree = {
  isWithin(unitId, ancestorId) {
    for (let u: number | undefined = unitId; u !== undefined; u = parent.get(u)) if (u === ancestorId) return true;
    return false;
  },
};

t.test('a token reaches its unit and what lies below, nothing beside or above', async (t) => {
  const township = tokenScope({ unitId: 2, unitLevel: 'township' });
  t.same([2, 4, 5].map((u) => scopeCovers(township, u, tree)), [true, true, true]);
  t.same([1, 3, 9].map((u) => scopeCovers(township, u, tree)), [false, false, false]);
  const grid = tokenScope({ unitId: 5, unitLevel: 'grid' });
  t.same([5, 4].map((u) => scopeCovers(grid, u, tree)), [true, false]);
  const district = tokenScope({ unitId: 1, unitLevel: 'district' });
  t.ok(scopeCovers(district, 5, tree));
  t.notOk(scopeCovers(district, 9, tree), 'a district token never reaches another district');
  const all = tokenScope({ unitId: null, unitLevel: null });
  t.ok(scopeCovers(all, 9, tree), 'a token without a unit is the whole district');
  t.ok(scopeCoversAll(township, [4, 5], tree));
  t.notOk(scopeCoversAll(township, [4, 3], tree));
  const noUnit = staffScope({ id: 1, username: 'x', displayName: 'X', role: 'township', unitId: null });
  t.notOk(scopeCovers(noUnit, 2, tree), 'a township account without a unit sees nothing');
});

t.test('drafts are listed to staff whose scope they touch, never to tokens or anonymous callers', async (t) => {
  const draft = { state: 'draft' as const, unitIds: [2] };
  const open = { state: 'open' as const, unitIds: [2] };
  const staff = (unitId: number): ApiPrincipal => {
    const user = { id: 1, username: 'x', displayName: 'X', role: 'township' as const, unitId };
    return { kind: 'staff', user, scope: staffScope(user) };
  };
  const token: ApiPrincipal = { kind: 'token', tokenId: 1, name: 'x', scope: tokenScope({ unitId: null, unitLevel: null }) };
  t.ok(listsRound(null, open, tree));
  t.notOk(listsRound(null, draft, tree));
  t.notOk(listsRound(token, draft, tree));
  t.ok(listsRound(staff(2), draft, tree));
  t.notOk(listsRound(staff(3), draft, tree), 'a draft of another township');
});

t.test('names, token shapes and the last-use interval', async (t) => {
  t.same(checkTokenName('  大屏  '), { ok: true, name: '大屏' });
  t.match(checkTokenName(' '), { ok: false, message: '请填写令牌用途' });
  t.match(checkTokenName('字'.repeat(61)), { ok: false, message: '不能超过 60 个字' });
  t.ok(checkTokenName('字'.repeat(60)).ok);
  t.match(checkTokenName('a\nb'), { ok: false });
  t.ok(looksLikeToken(`sp_${'a'.repeat(43)}`));
  t.notOk(looksLikeToken(`sp_${'a'.repeat(42)}`));
  t.notOk(looksLikeToken(`xx_${'a'.repeat(43)}`));
  const now = new Date('2026-12-01T10:00:00Z');
  t.ok(shouldRecordUse(null, now));
  t.notOk(shouldRecordUse('2026-12-01T09:59:30Z', now), 'not twice within a minute');
  t.ok(shouldRecordUse('2026-12-01T09:58:59Z', now));
});
