// /account: every staff member's own account: who they are, changing their password (required at first login with
// a one-time password), and signing out on every device at once (a lost phone, a shared office PC).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ROLE_LABELS } from '../../../core/auth/staff.js';
import { checkNewPassword, PASSWORD_MIN_LENGTH } from '../core/password-rules.js';
import { SESSION_IDLE_HOURS, SESSION_MAX_HOURS } from '../core/session-rules.js';
import { hashPassword } from '../passwords.js';
import { verifyLogin } from '../accounts-service.js';
import { NotAuthenticated } from '../../../web/errors.js';
import { CsrfOnlyBody } from '../../../web/staff/schemas.js';
import { AccountQuery, PasswordBody } from '../schemas.js';
import { scopeName } from '../view-model.js';
import { SESSION_COOKIE } from '../../../web/plugins/auth.js';
import { STAFF_LAYOUT, actorOf, staffUser } from '../../../web/staff/context.js';

function accountPage(app: FastifyInstance, request: FastifyRequest) {
  const user = staffUser(request);
  const account = app.repos.accounts.get(user.id);
  return {
    title: '我的账号',
    nav: 'account',
    roleName: ROLE_LABELS[user.role],
    scopeName: account ? scopeName(account) : '',
    idleHours: SESSION_IDLE_HOURS,
    maxHours: SESSION_MAX_HOURS,
  };
}

function passwordPage(request: FastifyRequest, errors: string[] = []) {
  return {
    title: '修改密码',
    nav: 'account',
    mustChange: request.staffSession?.mustChangePassword === true,
    minLength: PASSWORD_MIN_LENGTH,
    errors,
  };
}

function refuse(reply: FastifyReply, request: FastifyRequest, errors: string[]) {
  return reply.code(422).view('staff/password', { ...passwordPage(request, errors), user: request.user, csrfToken: reply.generateCsrf() }, STAFF_LAYOUT);
}

const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/account', { schema: { querystring: AccountQuery, hide: true } }, async (request, reply) => {
    return reply.view('staff/account', { ...accountPage(app, request), changed: request.query.changed === '1' }, STAFF_LAYOUT);
  });

  app.get('/account/password', { schema: { hide: true } }, async (request, reply) => {
    return reply.view('staff/password', passwordPage(request), STAFF_LAYOUT);
  });

  // Limited like the login form: a borrowed session must not be a way to guess the current password.
  app.post('/account/password', { schema: { body: PasswordBody, hide: true }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (request, reply) => {
    const user = staffUser(request);
    const session = request.staffSession;
    if (!session) throw new NotAuthenticated();
    const { current, password, confirm } = request.body;
    if (!(await verifyLogin(app.repos, user.username, current))) return refuse(reply, request, ['当前密码不正确']);
    const checked = checkNewPassword(password, user.username, current);
    if (!checked.ok) return refuse(reply, request, [checked.message]);
    if (password !== confirm) return refuse(reply, request, ['两次输入的新密码不一致']);
    const hash = await hashPassword(password);
    app.repos.accounts.changeOwnPassword(user.id, hash, session.key, actorOf(request));
    return reply.redirect('/account?changed=1', 303);
  });

  app.post('/account/sign-out-all', { schema: { body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    app.repos.accounts.signOutEverywhere(user.id, actorOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });
};

export default accountRoutes;
