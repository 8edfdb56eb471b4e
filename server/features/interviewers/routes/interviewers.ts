// 访员质量 (docs/statistics.md#interviewers): the page /rounds/:code/interviewers and its workbook for the committee
// and township staff (their township's interviewers: those who worked a grid they see), and the same rows as JSON
// at /api/rounds/:round/interviewers for a logged-in staff member (never for an API token: the figures are about
// named staff). Every view and export is audit-logged. 需核查 only where a figure is beyond noise or the round's
// thresholds; each row links to the round's call-back draw.
import type { FastifyInstance, FastifyRequest } from 'fastify';
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
import { interviewerReport } from '../interviewers-service.js';
import { interviewerRows, thresholdLines, type InterviewerRowView } from '../view-model.js';
import { InterviewersApiParams, InterviewersReply } from '../schemas.js';

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

const interviewerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/rounds/:code/interviewers', { schema: { params: RoundParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const { rows, settings } = reportFor(app, request, user, round, 'interviewers.view');
    return reply.view(
      'staff/interviewers',
      { title: `访员质量 ${round.code}`, nav: 'rounds', round, rows, thresholds: thresholdLines(settings), marked: rows.filter((r) => r.marked).length },
      STAFF_LAYOUT,
    );
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
