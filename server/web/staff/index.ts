// The staff side. Login and logout sit in this scope but outside the authenticated part; everything else requires a
// session (app.requireStaff). Every staff form carries an anti-forgery token: unsafe methods are checked here once.
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import csrfProtection from '@fastify/csrf-protection';
import bulletinRoutes from '../../features/bulletin/routes/bulletin.js';
import loginRoutes from '../../features/accounts/routes/login.js';
import dashboardRoutes from './dashboard.js';
import unitRoutes from '../../features/units/routes/units.js';
import roundRoutes from '../../features/rounds/routes/rounds.js';
import linkRoutes from '../../features/rounds/routes/links.js';
import posterRoutes from '../../features/posters/routes/posters.js';
// Invite-only rounds: household codes and their printed slips.
import inviteRoutes from '../../features/invites/routes/invites.js';
import unitWorkerRoutes from '../../features/units/routes/unit-worker.js';
import receiptRoutes from '../../features/receipts/routes/receipts.js';
import bulletinIndexRoutes from '../../features/bulletin/routes/bulletins.js';
import tokenRoutes from '../../features/accounts/routes/tokens.js';
import userRoutes from '../../features/accounts/routes/users.js';
import userEditRoutes from '../../features/accounts/routes/user-edit.js';
import accountRoutes from '../../features/accounts/routes/account.js';
import auditRoutes from '../../features/audit/routes/audit.js';
import reviewRoutes from '../../features/review/routes/review.js';
import rosterRoutes from '../../features/roster/routes/roster.js';
import paperRoutes from '../../features/paper/routes/paper.js';
import callbackRoutes from '../../features/callbacks/routes/callbacks.js';
// Interviewer quality (访员质量).
import interviewerRoutes from '../../features/interviewers/routes/interviewers.js';
import catiRoutes from '../../features/phone-interviews/routes/cati.js';
import documentRoutes from '../../features/documents/routes/documents.js';
import forecastRoutes from '../../features/forecast/routes/forecast.js';
import forecastSettingsRoutes from '../../features/forecast/routes/forecast-settings.js';
// The sample planner page (抽样设计建议).
import planningPageRoutes from '../../features/planning/routes/planning-page.js';
import { auditClientScope } from '../../features/audit/audit-repo.js';
import { truncateAddress } from '../../features/audit/core/client-address.js';

declare module 'fastify' {
  interface FastifyReply {
    /** Set by @fastify/view on every request and merged into every view's data. */
    locals: Record<string, unknown> | undefined;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Audit log: every entry a staff request writes carries the request's truncated address (features/audit/audit-repo.ts). */
function auditClientOfRequest(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  auditClientScope.run({ client: truncateAddress(request.ip) }, done);
}

const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(csrfProtection, {
    cookieKey: 'sp_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: 'auto' },
  });

  // Every page gets the token for its forms (and the layout's logout button) and the signed-in person for the
  // navigation through reply.locals: a page rendered in answer to a form post (a check message, the next paper
  // questionnaire, a revealed number) carries forms too, and its next submission must not be refused. Form posts are
  // checked before their handler runs, so a forged or stale form changes nothing.
  function pageLocals(request: FastifyRequest, reply: FastifyReply): void {
    reply.locals = { ...reply.locals, user: request.user, csrfToken: reply.generateCsrf() };
  }
  function csrfGate(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    if (SAFE_METHODS.has(request.method)) {
      pageLocals(request, reply);
      done();
      return;
    }
    app.csrfProtection(request, reply, (err?: Error) => {
      if (err) {
        done(err);
        return;
      }
      pageLocals(request, reply);
      done();
    });
  }
  app.addHook('preHandler', csrfGate);

  app.addHook('onRequest', auditClientOfRequest);
  await app.register(loginRoutes);

  await app.register(async (authed) => {
    authed.addHook('onRequest', app.requireStaff);
    await authed.register(dashboardRoutes);
    await authed.register(unitRoutes);
    await authed.register(roundRoutes);
    await authed.register(linkRoutes);
    await authed.register(posterRoutes);
    await authed.register(unitWorkerRoutes);
    await authed.register(receiptRoutes);
    await authed.register(bulletinIndexRoutes);
    await authed.register(reviewRoutes);
    await authed.register(bulletinRoutes);
    await authed.register(tokenRoutes);
    await authed.register(userRoutes);
    await authed.register(userEditRoutes);
    await authed.register(accountRoutes);
    await authed.register(auditRoutes);
    await authed.register(rosterRoutes);
    await authed.register(paperRoutes);
    for (const routes of [callbackRoutes, interviewerRoutes]) await authed.register(routes); // call-backs; 访员质量
    await authed.register(catiRoutes);
    await authed.register(documentRoutes);
    await authed.register(forecastRoutes);
    await authed.register(forecastSettingsRoutes);
    for (const routes of [inviteRoutes, planningPageRoutes]) await authed.register(routes); // invites; 抽样设计建议
  });
};

export default staffRoutes;
