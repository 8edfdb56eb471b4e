// 发文: the committee issues a bulletin or half-year summary (it takes the year's next 文号, today's date, and its
// Word file is kept exactly as issued), corrects an issued notice with a new one, and keeps the register of issued
// notices (发文登记) with their files. Committee and administrators only (permission verb `document.issue`);
// docs/rules.md#issuing-notices.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import type { Unit } from '../../../core/units/unit.js';
import { DEFAULT_ISSUER, chineseDate, documentNumber } from '../core/official-notice.js';
import { periodLabel } from '../../../core/time/period.js';
import { chinaDate } from '../../../core/time/china-time.js';
import { BadRequest, NoticeNotFound, UnitNotFound } from '../../../web/errors.js';
import { allow } from '../../../web/permissions.js';
import { attachment } from '../../../web/attachment.js';
import { RoundParams } from '../../../web/staff/schemas.js';
import { DocumentQuery, IssueBody, NoticeParams } from '../schemas.js';
import { bulletinHref } from '../../bulletin/view-models/bulletin-rows.js';
import { STAFF_LAYOUT, actorOf, roundInScope, staffUser } from '../../../web/staff/context.js';
import { issueNotice } from '../documents-service.js';
import { DOCX_TYPE, prepareNotice } from './notice-file.js';
import { issueHref, noticeFileHref, previewHref } from './document-mark.js';
import { KIND_LABELS, registerRows } from '../view-models/register.js';

interface DocumentTarget {
  round: Round;
  unit: Unit;
  kind: 'bulletin' | 'summary';
  /** The page the document is about. */
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

const keyOf = (t: DocumentTarget) => ({ roundId: t.round.id, unitId: t.unit.id, kind: t.kind });

function issuePage(app: FastifyInstance, t: DocumentTarget) {
  const issuer = app.repos.documents.issuer() ?? DEFAULT_ISSUER;
  const today = chinaDate(new Date());
  const year = Number(today.slice(0, 4));
  const latest = app.repos.documents.latest(keyOf(t));
  const corrected = latest?.correctsId ? app.repos.documents.byId(latest.correctsId) : undefined;
  return {
    title: '发文',
    nav: 'documents',
    label: t.label,
    kind: KIND_LABELS[t.kind],
    back: t.back,
    previewHref: previewHref({ round: t.round, unitCode: t.unit.code, kind: t.kind }),
    action: `${issueHref({ round: t.round, unitCode: t.unit.code, kind: t.kind }).replace('/document?', '/document/issue?')}`,
    nextNumber: documentNumber(issuer.numberPrefix, year, app.repos.documents.nextSeq(year)),
    today: chineseDate(today),
    issued: latest
      ? { id: latest.id, number: latest.number, title: latest.title, issuedOn: chineseDate(latest.issuedOn), href: latest.hasFile ? noticeFileHref(latest.id) : null, corrects: corrected?.number ?? null }
      : null,
  };
}

/** The notice a correction corrects: one issued for the same document (refused otherwise). */
function correctsIdOf(app: FastifyInstance, t: DocumentTarget, corrects: string): number | null {
  if (corrects.trim() === '') return null;
  const id = Number(corrects);
  const notice = Number.isInteger(id) ? app.repos.documents.byId(id) : undefined;
  if (!notice || notice.roundId !== t.round.id || notice.unitId !== t.unit.id || notice.kind !== t.kind) throw new BadRequest('要更正的文件不是这份通报的已发文件');
  return id;
}

const issueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/rounds/:code/document', { schema: { params: RoundParams, querystring: DocumentQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    allow(user, 'document.issue');
    const target = targetOf(app, user, request.params.code, request.query);
    return reply.view('staff/document', issuePage(app, target), STAFF_LAYOUT);
  });

  app.post('/rounds/:code/document/issue', { schema: { params: RoundParams, querystring: DocumentQuery, body: IssueBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    allow(user, 'document.issue');
    const target = targetOf(app, user, request.params.code, request.query);
    const correctsId = correctsIdOf(app, target, request.body.corrects);
    const prepared = await prepareNotice(app, user, target.round, target.unit.code, target.kind);
    await issueNotice(app.repos, {
      key: keyOf(target),
      label: { roundCode: target.round.code, unitCode: target.unit.code },
      title: prepared.title,
      correctsId,
      build: prepared.build,
      actor: actorOf(request),
      issuedByName: user.displayName,
      now: new Date(),
    });
    return reply.redirect(issueHref({ round: target.round, unitCode: target.unit.code, kind: target.kind }), 303);
  });

  app.get('/documents', { schema: { hide: true } }, async (request, reply) => {
    allow(staffUser(request), 'document.issue');
    const periods = new Map(app.repos.rounds.list().map((r) => [r.id, periodLabel(r.period)]));
    const rows = registerRows(app.repos.documents.list(), {
      unitName: (id) => app.repos.units.getById(id)?.name ?? '',
      month: (id) => periods.get(id) ?? '',
      fileHref: noticeFileHref,
    });
    return reply.view('staff/documents-register', { title: '发文登记', nav: 'documents', rows }, STAFF_LAYOUT);
  });

  app.get('/documents/:id/file', { schema: { params: NoticeParams, hide: true } }, async (request, reply) => {
    allow(staffUser(request), 'document.issue');
    const stored = app.repos.documents.fileOf(Number(request.params.id));
    if (!stored) throw new NoticeNotFound(request.params.id);
    // The bytes as issued, never rebuilt (docs/rules.md#issuing-notices).
    return attachment(reply, stored.fileName, DOCX_TYPE).send(stored.file);
  });
};

export default issueRoutes;
