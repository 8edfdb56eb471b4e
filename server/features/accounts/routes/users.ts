// /admin/users: administrators (and the committee, for township and grid accounts) list staff accounts and create
// new ones. A new account gets a one-time password, shown once on the page that answers the form; its holder must
// replace it at first login. Anything above the creator's own scope is refused in Chinese and audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../core/auth/staff.js';
import { can } from '../../../core/auth/permissions.js';
import {
  accountScopeRefusal, displayNameProblem, isStaffRole, usernameProblem, type AccountScope,
} from '../core/account-rules.js';
import { oneTimePassword } from '../core/password-rules.js';
import { hashPassword } from '../passwords.js';
import { mustBeAllowed } from '../../../web/permissions.js';
import { NewAccountBody } from '../schemas.js';
import { accountRow, roleChoices, unitChoices } from '../view-model.js';
import { STAFF_LAYOUT, actorOf, staffUser } from '../../../web/staff/context.js';

interface CreateState {
  values: { username: string; displayName: string; role: string; unit: string };
  errors?: string[];
  issued?: { username: string; password: string };
}

/** The logged-in user when they manage accounts; otherwise the attempt is audited and refused. */
export function accountManager(app: FastifyInstance, request: FastifyRequest, attempt: string): StaffUser {
  const user = staffUser(request);
  const permission = can(user, 'account.create');
  if (!permission.allowed && request.method !== 'GET') {
    app.repos.audit.record(user.id, 'account.refused', { attempt, reason: '无账号管理权限' }, actorOf(request).client);
  }
  mustBeAllowed('account.create', permission);
  return user;
}

/** The unit a form names: null for none, undefined for a code that does not exist. */
export function formUnit(app: FastifyInstance, code: string | undefined): { id: number | null; level: AccountScope['unitLevel'] } | undefined {
  if (code === undefined || code.trim() === '') return { id: null, level: null };
  const unit = app.repos.units.getByCode(code.trim());
  return unit ? { id: unit.id, level: unit.level } : undefined;
}

function usersPage(app: FastifyInstance, user: StaffUser, state: CreateState) {
  const units = app.repos.units;
  const tree = units.tree();
  return {
    title: '账号管理',
    nav: 'users',
    accounts: app.repos.accounts.list().filter((a) => a.id === user.id || can(user, 'account.edit', { account: a, units: tree }).allowed).map(accountRow),
    roles: roleChoices(user, state.values.role),
    units: unitChoices(units.all(), units.roots().map((u) => u.id), user, tree, state.values.unit),
    ...state,
  };
}

function render(app: FastifyInstance, reply: FastifyReply, user: StaffUser, code: number, state: CreateState) {
  return reply.code(code).view('staff/users', { ...usersPage(app, user, state), user, csrfToken: reply.generateCsrf() }, STAFF_LAYOUT);
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Bad input of the create form (empty fields, an unknown unit, a taken name), each a Chinese line. */
function createProblems(app: FastifyInstance, values: CreateState['values']): string[] {
  const problems = [usernameProblem(values.username), displayNameProblem(values.displayName)].filter((p): p is string => p !== null);
  if (!isStaffRole(values.role)) problems.push('请选择角色');
  if (formUnit(app, values.unit) === undefined) problems.push(`找不到该单位：${values.unit}`);
  if (problems.length === 0 && app.repos.accounts.usernameTaken(values.username)) problems.push(`用户名 ${values.username} 已被使用`);
  return problems;
}

const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/admin/users', { schema: { hide: true } }, async (request, reply) => {
    const user = accountManager(app, request, '查看账号列表');
    return reply.view('staff/users', usersPage(app, user, { values: { username: '', displayName: '', role: '', unit: '' } }), STAFF_LAYOUT);
  });

  app.post('/admin/users', { schema: { body: NewAccountBody, hide: true } }, async (request, reply) => {
    const user = accountManager(app, request, '新建账号');
    const b = request.body;
    const values = { username: b.username.trim(), displayName: b.displayName.trim(), role: b.role, unit: (b.unit ?? '').trim() };
    const problems = createProblems(app, values);
    const unit = formUnit(app, values.unit);
    if (problems.length > 0 || !unit || !isStaffRole(values.role)) return render(app, reply, user, 422, { values, errors: problems });

    const refusal = accountScopeRefusal(user, { role: values.role, unitId: unit.id, unitLevel: unit.level }, app.repos.units.tree());
    if (refusal) {
      if (refusal.abuse) {
        app.repos.audit.record(user.id, 'account.refused', { attempt: '新建账号', username: values.username, role: values.role, unit: values.unit || null, reason: refusal.message }, actorOf(request).client);
      }
      return render(app, reply, user, refusal.abuse ? 403 : 422, { values, errors: [refusal.message] });
    }
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    let created;
    try {
      created = app.repos.accounts.create(
        { username: values.username, displayName: values.displayName, passwordHash, role: values.role, unitId: unit.id },
        actorOf(request),
      );
    } catch (err) {
      // The same name sent twice at once: the second finds it taken only when it is stored.
      if (!isUniqueViolation(err)) throw err;
      return render(app, reply, user, 422, { values, errors: [`用户名 ${values.username} 已被使用`] });
    }
    // The one-time password is on this page only: no copy in a cache, no way back to it.
    reply.header('cache-control', 'no-store');
    const empty = { username: '', displayName: '', role: '', unit: '' };
    return render(app, reply, user, 201, { values: empty, issued: { username: created.username, password } });
  });
};

export default userRoutes;
