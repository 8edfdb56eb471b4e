// Staff login and logout. Login is limited per address (the rate limit), and per account and address (growing delays
// after five failures, counted in the database so a restart does not reset them; docs/rules.md#login-limits), and
// only follows `next` to paths on this site.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { safeNextPath } from '../core/next-path.js';
import { truncateAddress } from '../../audit/core/client-address.js';
import { loginWaitMessage } from '../core/login-throttle.js';
import { clearLoginFailures, countLoginAttempt, loginWait, verifyLogin } from '../accounts-service.js';
import { CsrfOnlyBody, LoginBody, LoginQuery } from '../../../web/staff/schemas.js';

const LAYOUT = { layout: 'layouts/staff' };

function refuse(reply: FastifyReply, status: 401 | 429, form: { next: string; username: string }, error: string) {
  return reply
    .code(status)
    .view('staff/login', { title: '工作人员登录', ...form, error, csrfToken: reply.generateCsrf() }, LAYOUT);
}

const loginRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/login', { schema: { querystring: LoginQuery, hide: true } }, async (request, reply) => {
    const next = safeNextPath(request.query.next);
    if (request.user) return reply.redirect(next);
    const expired = request.query.expired === '1';
    return reply.view('staff/login', { title: '工作人员登录', next, username: '', expired }, LAYOUT);
  });

  app.post(
    '/login',
    {
      schema: { body: LoginBody, hide: true },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const form = { next: safeNextPath(request.body.next), username };
      const name = username.trim();
      if (name === '' || password === '') return refuse(reply, 401, form, '用户名或密码不正确');
      const now = new Date();
      const wait = loginWait(app.repos, name, request.ip, now);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        return refuse(reply, 429, form, loginWaitMessage(wait));
      }
      // Counted before the password is checked, in the same turn as the check above: attempts arriving together
      // while scrypt runs each see the ones before them.
      countLoginAttempt(app.repos, name, request.ip, now, truncateAddress(request.ip));
      const user = await verifyLogin(app.repos, name, password);
      if (!user) return refuse(reply, 401, form, '用户名或密码不正确');
      clearLoginFailures(app.repos, name, request.ip);
      reply.logIn(user);
      app.repos.audit.record(user.id, 'login', undefined, truncateAddress(request.ip));
      return reply.redirect(form.next, 303);
    },
  );

  app.post('/logout', { schema: { body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    reply.logOut();
    return reply.redirect('/login', 303);
  });
};

export default loginRoutes;
