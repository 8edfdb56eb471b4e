// /admin/users/:id: one account's page, where its manager changes its role and unit, disables or enables it, and
// resets its password (a one-time password, shown once). Refusals (an account above the manager's scope, one's own
// account) are answered in Chinese, change nothing, and are audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../core/auth/staff.js';
import { ROLE_LABELS } from '../../../core/auth/staff.js';
import { accountChangeRefusal, accountScopeRefusal, isStaffRole, type AccountChange } from '../core/account-rules.js';
import { oneTimePassword } from '../core/password-rules.js';
import type { Account } from '../accounts-repo.js';
import { hashPassword } from '../passwords.js';
import { AccountNotFound, Conflict } from '../../../web/errors.js';
import { allow } from '../../../web/permissions.js';
import { AccountParams, AccountScopeBody } from '../schemas.js';
import { CsrfOnlyBody } from '../../../web/staff/schemas.js';
import { accountRow, roleChoices, unitChoices } from '../view-model.js';
import { STAFF_LAYOUT, actorOf } from '../../../web/staff/context.js';
import { accountManager, formUnit } from './users.js';

interface EditState {
  errors?: string[];
  issued?: { username: string; password: string };
  notice?: string;
}

function accountPage(app: FastifyInstance, user: StaffUser, account: Account, state: EditState) {
  const units = app.repos.units;
  return {
    title: `账号：${account.username}`,
    nav: 'users',
    ...accountRow(account),
    isSelf: account.id === user.id,
    roles: roleChoices(user, account.role),
    units: unitChoices(units.all(), units.roots().map((u) => u.id), user, units.tree(), account.unitCode ?? ''),
    ...state,
  };
}

function render(app: FastifyInstance, reply: FastifyReply, user: StaffUser, account: Account, code: number, state: EditState) {
  const data = { ...accountPage(app, user, account, state), user, csrfToken: reply.generateCsrf() };
  return reply.code(code).view('staff/user', data, STAFF_LAYOUT);
}

interface Checked {
  user: StaffUser;
  account: Account;
  /** The refusal already rendered (and audited), when there is one. */
  refused?: FastifyReply;
}

const CHANGE_NAMES: Readonly<Record<AccountChange, string>> = { scope: '修改角色和范围', disable: '停用账号', enable: '启用账号', reset: '重置密码' };

/** The account and its manager, or the rendered refusal when the manager may not make this change to it. */
function checkChange(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, id: number, change: AccountChange): Checked {
  const user = accountManager(app, request, CHANGE_NAMES[change]);
  const account = app.repos.accounts.get(id);
  if (!account) throw new AccountNotFound();
  const refusal = accountChangeRefusal(user, id, { role: account.role, unitId: account.unitId, unitLevel: account.unitLevel }, change, app.repos.units.tree());
  if (refusal === null) return { user, account };
  app.repos.audit.record(user.id, 'account.refused', { attempt: CHANGE_NAMES[change], account: id, username: account.username, reason: refusal }, actorOf(request).client);
  return { user, account, refused: render(app, reply, user, account, 403, { errors: [refusal] }) };
}

/** Reads the account again after a change and shows it with a notice. */
function afterChange(app: FastifyInstance, reply: FastifyReply, user: StaffUser, id: number, state: EditState) {
  const account = app.repos.accounts.get(id);
  if (!account) throw new AccountNotFound();
  return render(app, reply, user, account, 200, state);
}

const userEditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { accounts } = app.repos;

  app.get('/admin/users/:id', { schema: { params: AccountParams, hide: true } }, async (request, reply) => {
    const user = accountManager(app, request, '查看账号');
    const account = accounts.get(request.params.id);
    if (!account) throw new AccountNotFound();
    allow(user, 'account.edit', { account, units: app.repos.units.tree() });
    return render(app, reply, user, account, 200, {});
  });

  app.post('/admin/users/:id/scope', { schema: { params: AccountParams, body: AccountScopeBody, hide: true } }, async (request, reply) => {
    const { id } = request.params;
    const { user, account, refused } = checkChange(app, request, reply, id, 'scope');
    if (refused) return refused;
    const b = request.body;
    const unit = formUnit(app, b.unit);
    const from = formUnit(app, b.fromUnit);
    if (!unit || !from || !isStaffRole(b.role) || !isStaffRole(b.fromRole)) {
      return render(app, reply, user, account, 422, { errors: [unit ? '请选择角色' : `找不到该单位：${b.unit ?? ''}`] });
    }
    const refusal = accountScopeRefusal(user, { role: b.role, unitId: unit.id, unitLevel: unit.level }, app.repos.units.tree());
    if (refusal) {
      if (refusal.abuse) app.repos.audit.record(user.id, 'account.refused', { attempt: '修改角色和范围', account: id, role: b.role, unit: b.unit ?? null, reason: refusal.message }, actorOf(request).client);
      return render(app, reply, user, account, refusal.abuse ? 403 : 422, { errors: [refusal.message] });
    }
    const changed = accounts.changeScope(id, { role: b.fromRole, unitId: from.id }, { role: b.role, unitId: unit.id }, actorOf(request));
    if (!changed) throw new Conflict('该账号的角色或范围已被他人修改，请刷新页面后重试');
    return afterChange(app, reply, user, id, { notice: `已改为${ROLE_LABELS[changed.role]}` });
  });

  for (const change of ['disable', 'enable'] as const) {
    app.post(`/admin/users/:id/${change}`, { schema: { params: AccountParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
      const { id } = request.params;
      const { user, refused } = checkChange(app, request, reply, id, change);
      if (refused) return refused;
      if (!accounts.setActive(id, change === 'enable', actorOf(request))) {
        throw new Conflict(change === 'enable' ? '该账号已是启用状态' : '该账号已被停用');
      }
      return afterChange(app, reply, user, id, { notice: change === 'enable' ? '账号已启用，须用新密码或原密码重新登录' : '账号已停用，其所有登录立即失效' });
    });
  }

  app.post('/admin/users/:id/reset', { schema: { params: AccountParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const { id } = request.params;
    const { user, account, refused } = checkChange(app, request, reply, id, 'reset');
    if (refused) return refused;
    const password = oneTimePassword();
    const hash = await hashPassword(password);
    if (!accounts.resetPassword(id, hash, actorOf(request))) throw new AccountNotFound();
    reply.header('cache-control', 'no-store');
    return afterChange(app, reply, user, id, { issued: { username: account.username, password } });
  });
};

export default userEditRoutes;
