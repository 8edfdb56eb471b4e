// Staff login and logout. Login is rate-limited per address and only follows `next` to paths on this site.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { safeNextPath } from '../../../domain/auth/next-path.js';
import { CsrfOnlyBody, LoginBody, LoginQuery } from '../../schemas/staff.js';

const LAYOUT = { layout: 'layouts/staff' };

const loginRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/login', { schema: { querystring: LoginQuery, hide: true } }, async (request, reply) => {
    const next = safeNextPath(request.query.next);
    if (request.user) return reply.redirect(next);
    return reply.view('staff/login', { title: '工作人员登录', next, username: '' }, LAYOUT);
  });

  app.post(
    '/login',
    {
      schema: { body: LoginBody, hide: true },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const next = safeNextPath(request.body.next);
      const user = username.trim() === '' || password === '' ? undefined : app.repos.users.verify(username.trim(), password);
      if (!user) {
        return reply
          .code(401)
          .view(
            'staff/login',
            { title: '工作人员登录', next, username, error: '用户名或密码不正确', csrfToken: reply.generateCsrf() },
            LAYOUT,
          );
      }
      reply.logIn(user);
      app.repos.audit.record(user.id, 'login');
      return reply.redirect(next, 303);
    },
  );

  app.post('/logout', { schema: { body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    reply.logOut();
    return reply.redirect('/login', 303);
  });
};

export default loginRoutes;
