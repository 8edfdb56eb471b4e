// The committee's official-notice settings (发文机关 and 机关代字, /admin/documents), and 发文 with its register
// (./issue.ts). Committee and administrators only; every change is audited in the repository's transaction.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../core/auth/staff.js';
import { DEFAULT_ISSUER, ISSUING_BODY_MAX, NUMBER_PREFIX_MAX, canIssueDocuments, checkIssuer, documentMark } from '../core/official-notice.js';
import { chinaDate, chinaParts } from '../../../core/time/china-time.js';
import { Forbidden } from '../../../web/errors.js';
import { IssuerBody, SettingsQuery } from '../schemas.js';
import { STAFF_LAYOUT, actorOf, staffUser } from '../../../web/staff/context.js';
import issueRoutes from './issue.js';

function requireIssuer(user: StaffUser): void {
  if (!canIssueDocuments(user)) throw new Forbidden();
}

function settingsPage(app: FastifyInstance, values: { issuingBody: string; numberPrefix: string }, errors: Record<string, string> = {}, saved = false) {
  const issuer = app.repos.documents.issuer();
  const year = chinaParts(new Date()).year;
  const preview = documentMark({ issuingBody: values.issuingBody, numberPrefix: values.numberPrefix }, { year, seq: app.repos.documents.nextSeq(year), issuedOn: chinaDate(new Date()) });
  return { title: '发文设置', nav: 'bulletins', values, errors, saved, unset: issuer === undefined, preview, issuingBodyMax: ISSUING_BODY_MAX, numberPrefixMax: NUMBER_PREFIX_MAX };
}

const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/admin/documents', { schema: { querystring: SettingsQuery, hide: true } }, async (request, reply) => {
    requireIssuer(staffUser(request));
    const values = app.repos.documents.issuer() ?? DEFAULT_ISSUER;
    return reply.view('staff/document-settings', settingsPage(app, values, {}, request.query.saved !== undefined), STAFF_LAYOUT);
  });

  app.post('/admin/documents', { schema: { body: IssuerBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    requireIssuer(user);
    const checked = checkIssuer(request.body);
    if (!checked.ok) {
      const page = settingsPage(app, request.body, checked.errors);
      return reply.code(422).view('staff/document-settings', { ...page, user, csrfToken: reply.generateCsrf() }, STAFF_LAYOUT);
    }
    app.repos.documents.setIssuer(checked.value, actorOf(request));
    return reply.redirect('/admin/documents?saved=1', 303);
  });

  // 发文 and the register (发文登记).
  await app.register(issueRoutes);
};

export default documentRoutes;
