// The rules of staff accounts: what a password must be, who may give an account which scope, which unit each role
// needs, and when a session is over. Plain values, no database.
import t from 'tap';
import { checkNewPassword, oneTimePassword, PASSWORD_MIN_LENGTH } from '../../../../server/features/accounts/core/password-rules.js';
import {
  accountChangeRefusal, accountScopeRefusal, canManageAccounts, manageableRoles, roleUnitProblem, usernameProblem,
} from '../../../../server/features/accounts/core/account-rules.js';
import { idleCutoff, newSessionTimes, shouldTouch, SESSION_IDLE_HOURS, SESSION_MAX_HOURS } from '../../../../server/features/accounts/core/session-rules.js';
import type { StaffUser } from '../../../../server/core/auth/staff.js';
import type { UnitTree } from '../../../../server/core/auth/scope.js';

// 1 district ⊃ 2 townships (2, 3); grid 20 in township 2, grid 30 in township 3.
const PARENT: Record<number, number> = { 2: 1, 3: 1, 20: 2, 30: 3 };
const tree: UnitTree = {
  isWithin(unit, ancestor) {
    for (let u: number | undefined = unit; u !== undefined; u = PARENT[u]) if (u === ancestor) return true;
    return false;
  },
};
const user = (role: StaffUser['role'], unitId: number | null, id = 99): StaffUser => ({ id, username: role, displayName: role, role, unitId });

t.test('a new password: at least 10 characters, not the login name, not the current one', async (t) => {
  t.equal(PASSWORD_MIN_LENGTH, 10);
  t.same(checkNewPassword('123456789', 'zhang'), { ok: false, message: '新密码至少需要 10 个字符' });
  t.same(checkNewPassword('平安民调平安民调平安民', 'zhang'), { ok: true }, 'Chinese characters count one each');
  t.same(checkNewPassword('平安民调平安民调平', 'zhang'), { ok: false, message: '新密码至少需要 10 个字符' });
  t.same(checkNewPassword(' Zhangsan01 ', 'zhangsan01'), { ok: false, message: '新密码不能与用户名相同' });
  t.same(checkNewPassword('the same password', 'zhang', 'the same password'), { ok: false, message: '新密码不能与当前密码相同' });
  t.same(checkNewPassword('x'.repeat(257), 'zhang'), { ok: false, message: '新密码最多 256 个字符' });
  t.same(checkNewPassword('correct horse', 'zhang', 'old password'), { ok: true });
});

t.test('one-time passwords are long, unambiguous and different each time', async (t) => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const p = oneTimePassword();
    t.ok(checkNewPassword(p, 'anyone').ok);
    t.notMatch(p, /[0O1lI]/);
    seen.add(p);
  }
  t.equal(seen.size, 200);
});

t.test('administrators manage every account; the committee township and grid accounts; nobody else any', async (t) => {
  t.same(manageableRoles(user('admin', null)), ['admin', 'committee', 'township', 'grid']);
  t.same(manageableRoles(user('committee', null)), ['township', 'grid']);
  t.notOk(canManageAccounts(user('township', 2)));
  t.notOk(canManageAccounts(user('grid', 20)));

  const committee = user('committee', null);
  t.same(accountScopeRefusal(committee, { role: 'admin', unitId: null, unitLevel: null }, tree), {
    message: '您无权创建或修改系统管理员账号（不能高于自己的权限范围）',
    abuse: true,
  });
  t.equal(accountScopeRefusal(committee, { role: 'township', unitId: 2, unitLevel: 'township' }, tree), null);
  t.same(accountScopeRefusal(committee, { role: 'township', unitId: 20, unitLevel: 'grid' }, tree), {
    message: '乡镇/街道综治中心账号须指定一个乡镇（街道）',
    abuse: false,
  });
  t.same(accountScopeRefusal(user('admin', null), { role: 'committee', unitId: 2, unitLevel: 'township' }, tree)?.abuse, false);
  t.equal(accountScopeRefusal(user('admin', null), { role: 'committee', unitId: 1, unitLevel: 'district' }, tree), null);
  t.equal(roleUnitProblem({ role: 'grid', unitId: null, unitLevel: null }), '网格员账号须指定一个网格');
});

t.test('a manager cannot disable, demote or reset themselves, nor touch an account above them', async (t) => {
  const admin = user('admin', null, 1);
  const own = { role: 'admin' as const, unitId: null, unitLevel: null };
  t.equal(accountChangeRefusal(admin, 1, own, 'disable', tree), '不能停用自己的账号');
  t.equal(accountChangeRefusal(admin, 1, own, 'scope', tree), '不能修改自己的角色和范围，请由其他管理员操作');
  t.match(accountChangeRefusal(admin, 1, own, 'reset', tree), '不能重置自己的密码');
  t.equal(accountChangeRefusal(admin, 2, own, 'disable', tree), null, 'another administrator');
  const committee = user('committee', null, 3);
  t.equal(accountChangeRefusal(committee, 1, own, 'reset', tree), '您无权管理该系统管理员账号');
  t.equal(accountChangeRefusal(committee, 4, { role: 'grid', unitId: 30, unitLevel: 'grid' }, 'disable', tree), null);
});

t.test('login names: 3–32 letters, digits, dots, dashes, underscores', async (t) => {
  t.equal(usernameProblem('zhang.san-1'), null);
  for (const bad of ['ab', '张三', '-start', 'with space', 'x'.repeat(33)]) t.ok(usernameProblem(bad), bad);
});

t.test('a session is over after 8 idle hours or 12 hours in all; its use is written at most once a minute', async (t) => {
  t.equal(SESSION_IDLE_HOURS, 8);
  t.equal(SESSION_MAX_HOURS, 12);
  const now = new Date('2026-03-01T08:00:00.000Z');
  t.same(newSessionTimes(now), { createdAt: '2026-03-01T08:00:00.000Z', expiresAt: '2026-03-01T20:00:00.000Z' });
  t.equal(idleCutoff(now), '2026-03-01T00:00:00.000Z');
  t.notOk(shouldTouch('2026-03-01T07:59:30.000Z', now));
  t.ok(shouldTouch('2026-03-01T07:59:00.000Z', now));
});
