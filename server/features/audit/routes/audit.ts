// /audit: the audit log for administrators and committee (docs/rules.md#audit-log): who changed what, when and from where,
// filtered by action, account, date range and round, a page of 50 at a time, and the same selection as a CSV file.
// Read-only: the product has no way to change or remove an entry.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AUDIT_ACTION_GROUPS, AUDIT_ACTION_LABELS, auditActionLabel } from '../core/actions.js';
import { describeAuditDetail, type AuditNames } from '../detail.js';
import { parseAuditFilter, type AuditFilter } from '../core/filter.js';
import { chinaDate, chinaTimestamp } from '../../../core/time/china-time.js';
import { toCsv, type Cell } from '../../../core/tables/csv.js';
import type { AuditEntry } from '../audit-repo.js';
import { AuditQuery } from '../../accounts/schemas.js';
import { STAFF_LAYOUT, staffUser } from '../../../web/staff/context.js';
import { ofRound } from '../../surveys/surveys-service.js';
import { accountLabels } from '../../accounts/accounts-service.js';
import { allow } from '../../../web/permissions.js';

const PAGE_SIZE = 50;
/** An export holds at most this many entries (newest first); a narrower filter gets the rest. */
const EXPORT_MAX = 100_000;

function requireAuditReader(request: FastifyRequest): void {
  allow(staffUser(request), 'audit.view');
}

/** The filter of the query; a round that does not exist is named in the errors and matches nothing. */
function filterOf(app: FastifyInstance, query: AuditQuery): { filter: AuditFilter; errors: string[] } {
  const parsed = parseAuditFilter(query);
  if (query.round) {
    const round = app.repos.rounds.getByCode(query.round);
    if (!round) parsed.errors.push(`找不到该轮次：${query.round}`);
    parsed.filter.round = { code: query.round, id: round?.id ?? -1 };
  }
  return parsed;
}

/**
 * Names for the rounds, units and accounts entries refer to (by code or by internal id), read once per page from the
 * repositories, so that a clerk reads "2026-01-hunan-100（湖南省平安建设民调）" and "东门社区第一网格", not "round 7".
 */
function auditNames(app: FastifyInstance): AuditNames {
  let rounds: Map<string | number, string> | undefined;
  let units: Map<string | number, string> | undefined;
  let accounts: Map<number, string> | undefined;
  const roundMap = () => {
    if (!rounds) {
      rounds = new Map();
      for (const r of app.repos.rounds.list()) {
        const text = `${r.code}（${ofRound(app.repos, r).title}）`;
        rounds.set(r.code, text).set(r.id, text);
      }
    }
    return rounds;
  };
  const unitMap = () => {
    if (!units) {
      units = new Map();
      for (const u of app.repos.units.all()) units.set(u.code, `${u.name}（${u.code}）`).set(u.id, `${u.name}（${u.code}）`);
    }
    return units;
  };
  const accountMap = () => {
    accounts ??= new Map(accountLabels(app.repos).map((a) => [a.id, a.label]));
    return accounts;
  };
  return {
    round: (ref) => roundMap().get(ref),
    unit: (ref) => unitMap().get(ref),
    account: (id) => accountMap().get(id),
  };
}

function entryRow(e: AuditEntry, names: AuditNames) {
  return {
    at: chinaTimestamp(e.at),
    who: e.username === null ? '系统/命令行' : `${e.displayName ?? ''}（${e.username}）`,
    action: auditActionLabel(e.action),
    code: e.action,
    detail: describeAuditDetail(e.detail, e.action, names),
    client: e.client ?? '—',
  };
}

function actionChoices(selected: string) {
  const groups = AUDIT_ACTION_GROUPS.map((g) => ({ value: g.prefix, label: `全部${g.label}操作`, selected: g.prefix === selected }));
  const actions = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label, selected: value === selected }));
  return { groups, actions };
}

/** The query string of the current filter (for the pager and the export link), without the page. */
function filterQuery(query: AuditQuery): string {
  const p = new URLSearchParams();
  for (const key of ['action', 'user', 'from', 'to', 'round'] as const) {
    const v = query[key];
    if (v) p.set(key, v);
  }
  return p.toString();
}

function auditPage(app: FastifyInstance, query: AuditQuery) {
  const { filter, errors } = filterOf(app, query);
  const total = app.repos.audit.count(filter);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pages);
  const qs = filterQuery(query);
  const names = auditNames(app);
  const pageLink = (n: number) => `/audit?${qs}${qs ? '&' : ''}page=${n}`;
  return {
    title: '操作日志',
    nav: 'audit',
    entries: app.repos.audit.search(filter, PAGE_SIZE, (page - 1) * PAGE_SIZE).map((e) => entryRow(e, names)),
    total,
    page,
    pages,
    prev: page > 1 ? pageLink(page - 1) : null,
    next: page < pages ? pageLink(page + 1) : null,
    exportLink: `/audit.csv${qs ? `?${qs}` : ''}`,
    values: query,
    errors,
    ...actionChoices(query.action ?? ''),
    users: accountLabels(app.repos).map((a) => ({ value: String(a.id), label: a.label, selected: String(a.id) === query.user })),
    rounds: app.repos.rounds.list().map((r) => ({ value: r.code, selected: r.code === query.round })),
  };
}

const HEADER: Cell[] = ['时间（北京时间）', '操作人', '操作', '操作代码', '内容', '来源（截断的地址）'];

const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/audit', { schema: { querystring: AuditQuery, hide: true } }, async (request, reply) => {
    requireAuditReader(request);
    return reply.view('staff/audit', auditPage(app, request.query), STAFF_LAYOUT);
  });

  app.get('/audit.csv', { schema: { querystring: AuditQuery, hide: true } }, async (request, reply) => {
    requireAuditReader(request);
    const { filter } = filterOf(app, request.query);
    const names = auditNames(app);
    const rows = app.repos.audit.search(filter, EXPORT_MAX).map((e) => entryRow(e, names));
    const csv = toCsv([HEADER, ...rows.map((r) => [r.at, r.who, r.action, r.code, r.detail, r.client])]);
    const name = `操作日志-${chinaDate(new Date())}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-log.csv"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  });
};

export default auditRoutes;
