// 访员质量 (docs/statistics.md#interviewers): the page /rounds/:code/interviewers and its workbook for the committee
// and township staff (their township's interviewers: those who worked a grid they see), and the same rows as JSON
// at /api/rounds/:round/interviewers for a logged-in staff member (never for an API token: the figures are about
// named staff). Every view and export is audit-logged. 需核查 only where a figure is beyond noise or the round's
// thresholds; each row with phone interviews links to a call-back draw of that interviewer's interviews. The committee sets the round's thresholds on the page
// (POST …/interviewers/thresholds: checked field by field, the form back with what was typed on an error).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import ExcelJS from 'exceljs';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import { canSeeUnit } from '../../../core/auth/scope.js';
import { RoundParams } from '../../../web/staff/schemas.js';
import { STAFF_LAYOUT, roundInScope, staffUser } from '../../../web/staff/context.js';
import { allow } from '../../../web/permissions.js';
import { attachment } from '../../../web/attachment.js';
import { NotPermitted, RoundNotFound } from '../../../web/errors.js';
import { staffName } from '../../accounts/accounts-service.js';
import { roundUnits } from '../../results/round-results.js';
import { can } from '../../../core/auth/permissions.js';
import { interviewerReport, roundQualityOverrides, saveRoundQuality } from '../interviewers-service.js';
import { interviewerRows, thresholdRows, type InterviewerRowView } from '../view-model.js';
import { InterviewersApiParams, InterviewersPageQuery, InterviewersReply, ThresholdsBody } from '../schemas.js';
import { QUALITY_FIELDS, type RoundQualitySettings } from '../core/thresholds.js';

type TypedThresholds = Partial<Record<keyof RoundQualitySettings, string>>;

/** The thresholds form as it came back: what was typed, the problems, the version it was filled in against. */
interface ThresholdsForm {
  typed: TypedThresholds;
  errors: ReadonlyMap<keyof RoundQualitySettings, string>;
  message: string;
  basedOn: string;
}

/** The rows the user may see, the thresholds, and the audit entry for the view. */
function reportFor(app: FastifyInstance, request: FastifyRequest, user: StaffUser, round: Round, action: 'interviewers.view' | 'interviewers.export') {
  allow(user, 'interviewer.quality');
  const report = interviewerReport(app.repos, round, roundUnits(app.repos, round));
  const tree = app.repos.units.tree();
  const visible = report.rows.filter((r) => r.gridIds.some((h) => canSeeUnit(user, h, tree)));
  const rows = interviewerRows({ ...report, rows: visible }, (id) => staffName(app.repos, id, `账号 ${id}`));
  app.repos.audit.record(user.id, action, { round: round.code, interviewers: visible.length }, request.ip);
  return { rows, settings: report.settings };
}

const HEADER: Array<[string, keyof InterviewerRowView, number]> = [
  ['访员', 'name', 14], ['访问数', 'interviews', 8], ['电话', 'phone', 8], ['纸质', 'paper', 8], ['网格数', 'grids', 8],
  ['本人受访者综合得分', 'own', 12], ['同网格其他受访者', 'others', 12], ['差值', 'gap', 10], ['误差范围(±)', 'margin', 10],
  ['说不清占比', 'dontKnow', 10], ['各题相同占比', 'straight', 10], ['全选最好占比', 'allBest', 10],
  ['电话时长中位数(分钟)', 'minutes', 12], ['回访核实相符', 'confirmed', 10], ['回访核实不符', 'notConfirmed', 10],
];

async function workbookOf(rows: InterviewerRowView[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SafePoll 平安民调';
  const sheet = wb.addWorksheet('访员质量', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [...HEADER.map(([header, , width]) => ({ header, width })), { header: '需核查', width: 60 }];
  // Strings are text cells in exceljs: a name starting with "=" is never evaluated.
  for (const r of rows) sheet.addRow([...HEADER.map(([, key]) => r[key]), r.marked ? r.reasons.join('；') : '']);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function renderPage(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, round: Round, form?: ThresholdsForm, status = 200, saved: string | null = null) {
  const user = staffUser(request);
  const { rows, settings } = reportFor(app, request, user, round, 'interviewers.view');
  const { overrides, version } = roundQualityOverrides(app.repos, round);
  const thresholds = {
    rows: thresholdRows(settings, overrides, form),
    own: Object.keys(overrides).length,
    canEdit: can(user, 'round.manage').allowed,
    basedOn: form?.basedOn ?? version ?? '',
    message: form?.message ?? null,
    saved,
  };
  return reply
    .code(status)
    .view('staff/interviewers', { title: `访员质量 ${round.code}`, nav: 'rounds', round, rows, thresholds, marked: rows.filter((r) => r.marked).length }, STAFF_LAYOUT);
}

const interviewerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/rounds/:code/interviewers', { schema: { params: RoundParams, querystring: InterviewersPageQuery, hide: true } }, async (request, reply) => {
    const round = roundInScope(app, staffUser(request), request.params.code);
    const saved = request.query.saved === 'thresholds' ? '本轮阈值已保存，上表已按新的阈值重新标记' : null;
    return renderPage(app, request, reply, round, undefined, 200, saved);
  });

  app.post('/rounds/:code/interviewers/thresholds', { schema: { params: RoundParams, body: ThresholdsBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    allow(user, 'round.manage');
    const round = roundInScope(app, user, request.params.code);
    const typed: TypedThresholds = {};
    for (const f of QUALITY_FIELDS) typed[f.key] = request.body[f.key] ?? '';
    const basedOn = request.body.basedOn ?? '';
    const saved = saveRoundQuality(app.repos, round, user.id, typed, basedOn);
    if (saved.kind === 'invalid') {
      return renderPage(app, request, reply, round, { typed, errors: saved.errors, message: '本轮阈值未保存，请修改标出的项目', basedOn }, 400);
    }
    if (saved.kind === 'stale') {
      const message = '本轮阈值刚刚已被他人修改，您的修改未保存；下面是您填写的内容，“本轮使用”一列是最新保存的阈值，请核对后再保存';
      const latest = roundQualityOverrides(app.repos, round).version ?? '';
      return renderPage(app, request, reply, round, { typed, errors: new Map(), message, basedOn: latest }, 409);
    }
    return reply.redirect(`/rounds/${encodeURIComponent(round.code)}/interviewers?saved=thresholds#thresholds`, 303);
  });

  app.get('/rounds/:code/interviewers.xlsx', { schema: { params: RoundParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const { rows } = reportFor(app, request, user, round, 'interviewers.export');
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return attachment(reply, `${round.code}-访员质量.xlsx`, type).send(await workbookOf(rows));
  });
};

/** The JSON of the same rows, under /api (a staff session only). */
export const interviewerApiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/rounds/:round/interviewers',
    {
      onRequest: app.requireApiCredential,
      schema: { tags: ['results'], summary: '某轮访员质量（仅限登录的政法委、乡镇工作人员；涉及工作人员个人，不向 API 令牌提供）', params: InterviewersApiParams, response: { 200: InterviewersReply } },
    },
    async (request) => {
      const principal = request.apiPrincipal;
      if (!principal || principal.kind !== 'staff') throw new NotPermitted('访员质量涉及工作人员个人，只向登录的工作人员提供，不向 API 令牌提供');
      const user = principal.user;
      const round = app.repos.rounds.getByCode(request.params.round);
      if (!round) throw new RoundNotFound(request.params.round);
      roundInScope(app, user, round.code);
      const { rows, settings } = reportFor(app, request, user, round, 'interviewers.view');
      return { round: round.code, settings, interviewers: rows };
    },
  );
};

export default interviewerRoutes;
