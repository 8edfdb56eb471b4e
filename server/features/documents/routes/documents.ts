// The committee's official-notice settings (发文机关 and 机关代字, /admin/documents) and one bulletin's or summary's
// document number and date of issue (/rounds/:code/document). Committee and administrators only; every change is
// audited in the repository's transaction.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import type { Unit } from '../../../core/units/unit.js';
import {
  DEFAULT_ISSUER,
  ISSUING_BODY_MAX,
  NUMBER_PREFIX_MAX,
  canIssueDocuments,
  checkIssuer,
  checkNumbering,
  documentMark,
} from '../core/official-notice.js';
import { periodLabel } from '../../../core/time/period.js';
import { chinaDate, chinaParts } from '../../../core/time/china-time.js';
import { Forbidden, UnitNotFound } from '../../../web/errors.js';
import { RoundParams } from '../../../web/staff/schemas.js';
import { DocumentQuery, IssuerBody, NumberingBody, SettingsQuery } from '../schemas.js';
import { bulletinHref } from '../../bulletin/view-models/bulletin-rows.js';
import { STAFF_LAYOUT, actorOf, roundInScope, staffUser } from '../../../web/staff/context.js';

function requireIssuer(user: StaffUser): void {
  if (!canIssueDocuments(user)) throw new Forbidden();
}

function settingsPage(app: FastifyInstance, values: { issuingBody: string; numberPrefix: string }, errors: Record<string, string> = {}, saved = false) {
  const issuer = app.repos.documents.issuer();
  const year = chinaParts(new Date()).year;
  const preview = documentMark({ issuingBody: values.issuingBody, numberPrefix: values.numberPrefix }, { year, seq: app.repos.documents.nextSeq(year), issuedOn: chinaDate(new Date()) });
  return { title: '发文设置', nav: 'bulletins', values, errors, saved, unset: issuer === undefined, preview, issuingBodyMax: ISSUING_BODY_MAX, numberPrefixMax: NUMBER_PREFIX_MAX };
}

interface DocumentTarget {
  round: Round;
  unit: Unit;
  kind: 'bulletin' | 'summary';
  /** The page the document is about (where the form returns to). */
  back: string;
  label: string;
}

function targetOf(app: FastifyInstance, user: StaffUser, code: string, query: DocumentQuery): DocumentTarget {
  const round = roundInScope(app, user, code);
  const unit = app.repos.units.getByCode(query.unit);
  if (!unit) throw new UnitNotFound(query.unit);
  const back =
    query.kind === 'bulletin'
      ? bulletinHref(round.code, unit.code)
      : `/summary?survey=${encodeURIComponent(round.surveyKey)}&end=${encodeURIComponent(round.period)}&unit=${encodeURIComponent(unit.code)}`;
  const label = `${unit.name}${query.kind === 'bulletin' ? `${periodLabel(round.period)}通报` : `截至${periodLabel(round.period)}的半年小结`}`;
  return { round, unit, kind: query.kind, back, label };
}

function numberingPage(app: FastifyInstance, target: DocumentTarget, values: { seq: string; issuedOn: string }, errors: Record<string, string> = {}) {
  const issuer = app.repos.documents.issuer() ?? DEFAULT_ISSUER;
  const issued = app.repos.documents.find({ roundId: target.round.id, unitId: target.unit.id, kind: target.kind });
  return {
    title: '发文字号',
    nav: 'bulletins',
    label: target.label,
    back: target.back,
    action: `/rounds/${encodeURIComponent(target.round.code)}/document?unit=${encodeURIComponent(target.unit.code)}&kind=${target.kind}`,
    prefix: issuer.numberPrefix,
    current: issued ? documentMark(issuer, issued) : null,
    values,
    errors,
  };
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

  app.get('/rounds/:code/document', { schema: { params: RoundParams, querystring: DocumentQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    requireIssuer(user);
    const target = targetOf(app, user, request.params.code, request.query);
    const issued = app.repos.documents.find({ roundId: target.round.id, unitId: target.unit.id, kind: target.kind });
    const today = chinaDate(new Date());
    const values = issued
      ? { seq: String(issued.seq), issuedOn: issued.issuedOn }
      : { seq: String(app.repos.documents.nextSeq(Number(today.slice(0, 4)))), issuedOn: today };
    return reply.view('staff/document', numberingPage(app, target, values), STAFF_LAYOUT);
  });

  app.post('/rounds/:code/document', { schema: { params: RoundParams, querystring: DocumentQuery, body: NumberingBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    requireIssuer(user);
    const target = targetOf(app, user, request.params.code, request.query);
    const checked = checkNumbering(request.body);
    const refuse = (code: number, errors: Record<string, string>) =>
      reply.code(code).view('staff/document', { ...numberingPage(app, target, request.body, errors), user, csrfToken: reply.generateCsrf() }, STAFF_LAYOUT);
    if (!checked.ok) return refuse(422, checked.errors);
    const key = { roundId: target.round.id, unitId: target.unit.id, kind: target.kind };
    const label = { roundCode: target.round.code, unitCode: target.unit.code };
    if (!app.repos.documents.renumber(key, checked.value, label, actorOf(request))) {
      return refuse(409, { seq: `${checked.value.issuedOn.slice(0, 4)} 年的 ${checked.value.seq} 号已用于另一份文件，请换一个序号` });
    }
    return reply.redirect(target.back, 303);
  });
};

export default documentRoutes;
