// GET/POST /forecast/settings — the committee's settings for the forecast (migration 022): the official questionnaire,
// the official sample size and the window of rounds; the peer districts' published scores (by hand, pasted CSV or an
// uploaded CSV/XLSX, every row checked before anything is stored); past official results for back-testing. Every
// change is audited (features/forecast/forecast-repo.ts). A refused form re-shows the page with the problem and keeps the rest.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canUseForecast } from '../core/access.js';
import { checkPeer, checkRank, checkSampleSize, checkScore, checkWindowWeights, peersFromRows, SAMPLE_SIZE_MAX, SAMPLE_SIZE_MIN } from '../core/settings.js';
import { FORECAST_ANSWER_MODES, isForecastAnswerMode, type ForecastAnswerMode } from '../core/answer-mode.js';
import { readUploadedTable } from '../../../platform/table-reader.js';
import { formatScore } from '../../../core/stats/index.js';
import { parseMultipart, uploadedFile } from '../../../web/multipart.js';
import { ForecastSettingsBody, MAX_PEER_FILE_BYTES, PEER_TABLE_LIMITS, OfficialBody, OfficialParams, PeerBody, PeerParams, PeerPasteBody, PeerUploadBody } from '../schemas.js';
import { CsrfOnlyBody } from '../../../web/staff/schemas.js';
import { BadRequest, Forbidden, RoundNotFound } from '../../../web/errors.js';
import { STAFF_LAYOUT, actorOf, staffUser } from '../../../web/staff/context.js';

interface Problems {
  settingsError?: string;
  /** The settings form as typed, shown again with its error instead of the stored settings. */
  typed?: { survey: string; sampleSize: string; window: string; answerMode?: string };
  /** The peer import's choice as made (replace / append), kept with its errors. */
  importMode?: PeerImportMode;
  /** The pasted table, kept with its errors. */
  pastedCsv?: string;
  peerError?: string;
  importErrors?: string[];
  officialError?: string;
}

/** The choices of answers the forecast pools (docs/statistics.md#answer-modes), as the committee reads them. */
const ANSWER_MODE_LABELS: Record<ForecastAnswerMode, string> = {
  auto: '自动：电话访问答卷达到正式民调样本量时只用电话访问，否则用全部答卷并说明方式差异',
  phone: '只用电话访问答卷（与正式民调的电话抽样方式一致）',
  all: '使用全部答卷（扫码、电话、纸质）',
};

function settingsPage(app: FastifyInstance, problems: Problems) {
  const { forecast, rounds, surveys } = app.repos;
  const s = forecast.settings();
  const typed = problems.typed;
  const surveyKey = typed ? typed.survey : s.surveyKey;
  const byId = new Map(rounds.list().map((r) => [r.id, r]));
  return {
    title: '正式民调预测设置',
    nav: 'forecast',
    surveys: surveys.list().map((v) => ({ key: v.surveyKey, title: v.title, selected: v.surveyKey === surveyKey })),
    sampleSize: typed ? typed.sampleSize : s.sampleSize,
    sampleMin: SAMPLE_SIZE_MIN,
    sampleMax: SAMPLE_SIZE_MAX,
    window: typed ? typed.window : s.windowWeights.join(', '),
    answerModes: FORECAST_ANSWER_MODES.map((mode) => ({ mode, label: ANSWER_MODE_LABELS[mode], checked: mode === (typed?.answerMode ?? s.answerMode ?? 'auto') })),
    pastedCsv: problems.pastedCsv ?? '',
    replacePeers: problems.importMode !== 'append',
    peers: forecast.peers().map((p) => ({ ...p, scoreText: formatScore(p.score), sdText: p.sd === null ? '' : String(p.sd) })),
    official: forecast.officialResults().map((o) => ({ ...o, scoreText: formatScore(o.score), round: byId.get(o.roundId) })),
    closedRounds: rounds.list().filter((r) => r.state === 'closed' && r.kind === 'monthly').sort((a, b) => (a.period < b.period ? 1 : -1)),
    ...problems,
  };
}

type App = Parameters<FastifyPluginAsyncTypebox>[0];

/** The page offers 替换现有 (preselected: the demo's 演示数据 peers go) or 追加; a body without the choice adds, as before. */
type PeerImportMode = 'replace' | 'append';

function importModeOf(value: unknown): PeerImportMode {
  return value === 'replace' ? 'replace' : 'append';
}

interface Helpers {
  editor(request: FastifyRequest): { id: number };
  /** Re-shows the page with its problems: 422, or 413 for a file too large to read. */
  refuse(request: FastifyRequest, reply: FastifyReply, problems: Problems, status?: 413 | 422): FastifyReply;
  done(reply: FastifyReply, what: string): FastifyReply;
}

function helpers(app: App): Helpers {
  return {
    editor(request) {
      const user = staffUser(request);
      if (!canUseForecast(user)) throw new Forbidden();
      return user;
    },
    refuse(request, reply, problems, status = 422) {
      return reply
        .code(status)
        .view('staff/forecast-settings', { ...settingsPage(app, problems), user: request.user, csrfToken: reply.generateCsrf() }, STAFF_LAYOUT);
    },
    done: (reply, what) => reply.redirect(`/forecast/settings?saved=${what}`, 303),
  };
}

const forecastSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { forecast } = app.repos;
  const { editor, refuse, done } = helpers(app);

  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: MAX_PEER_FILE_BYTES + 64 * 1024 }, (request, body, done) => {
    try {
      done(null, parseMultipart(Buffer.isBuffer(body) ? body : Buffer.from(body), String(request.headers['content-type'] ?? '')));
    } catch (err) {
      done(err instanceof Error ? err : new Error(String(err)), undefined);
    }
  });

  app.get('/forecast/settings', { schema: { hide: true } }, async (request, reply) => {
    editor(request);
    return reply.view('staff/forecast-settings', settingsPage(app, {}), STAFF_LAYOUT);
  });

  app.post('/forecast/settings', { schema: { body: ForecastSettingsBody, hide: true } }, async (request, reply) => {
    const user = editor(request);
    const b = request.body;
    const size = checkSampleSize(b.sampleSize);
    const window = checkWindowWeights(b.window ?? '');
    const known = b.survey === '' || app.repos.surveys.latest(b.survey) !== undefined;
    const mode = b.answerMode === undefined ? forecast.settings().answerMode ?? 'auto' : b.answerMode;
    if (!size.ok || !window.ok || !known || !isForecastAnswerMode(mode)) {
      const settingsError = !known ? `找不到该问卷：${b.survey}` : !size.ok ? size.message : !window.ok ? window.message : '请选择预测使用哪些答卷（自动、只用电话访问或全部答卷）';
      return refuse(request, reply, { settingsError, typed: { survey: b.survey, sampleSize: b.sampleSize, window: b.window ?? '', answerMode: b.answerMode } });
    }
    const settings = { surveyKey: b.survey || null, sampleSize: size.value, windowWeights: window.value, answerMode: mode };
    forecast.saveSettings(settings, { userId: user.id, client: actorOf(request).client });
    return done(reply, 'settings');
  });

  peerRoutes(app, helpers(app));
  officialRoutes(app, helpers(app));
};

/** Peers by hand, pasted or uploaded. */
function peerRoutes(app: App, { editor, refuse, done }: Helpers): void {
  const { forecast } = app.repos;
  app.post('/forecast/peers', { schema: { body: PeerBody, hide: true } }, async (request, reply) => {
    const user = editor(request);
    const checked = checkPeer(request.body);
    if (!checked.ok) return refuse(request, reply, { peerError: checked.message });
    forecast.savePeers([checked.value], { userId: user.id, client: actorOf(request).client }, 'forecast.peer');
    return done(reply, 'peer');
  });

  app.post('/forecast/peers/:id/delete', { schema: { params: PeerParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = editor(request);
    if (!forecast.deletePeer(request.params.id, { userId: user.id, client: actorOf(request).client })) throw new BadRequest('该区县已不在列表中');
    return done(reply, 'peer');
  });

  async function importPeers(request: FastifyRequest, reply: FastifyReply, bytes: Buffer, userId: number, importMode: PeerImportMode, pastedCsv?: string) {
    const read = await readUploadedTable(bytes, PEER_TABLE_LIMITS);
    if (!read.ok) return refuse(request, reply, { importErrors: [`第 ${read.line} 行：${read.problem}`], importMode, pastedCsv }, read.status);
    const { peers, errors } = peersFromRows(read.rows);
    if (errors.length > 0) return refuse(request, reply, { importErrors: errors, importMode, pastedCsv });
    const by = { userId, client: actorOf(request).client };
    if (importMode === 'replace') forecast.replacePeers(peers, by);
    else forecast.savePeers(peers, by, 'forecast.peers.import');
    return done(reply, 'import');
  }

  app.post('/forecast/peers/import', { schema: { body: PeerPasteBody, hide: true } }, async (request, reply) => {
    const user = editor(request);
    const mode = importModeOf(request.body.mode);
    if (request.body.csv.trim() === '') return refuse(request, reply, { importErrors: ['请粘贴要导入的内容（每行：名称, 公布得分[, 波动, 公布时间]）'], importMode: mode });
    return importPeers(request, reply, Buffer.from(request.body.csv, 'utf8'), user.id, mode, request.body.csv);
  });

  app.post('/forecast/peers/upload', { bodyLimit: MAX_PEER_FILE_BYTES + 64 * 1024, schema: { body: PeerUploadBody, hide: true } }, async (request, reply) => {
    const user = editor(request);
    const file = uploadedFile(request.body, 'file');
    const mode = importModeOf(request.body.mode);
    if (!file || file.data.length === 0) return refuse(request, reply, { importErrors: ['请选择要上传的 CSV 或 Excel（.xlsx）文件'], importMode: mode });
    return importPeers(request, reply, file.data, user.id, mode);
  });
}

/** Past official results, for back-testing. */
function officialRoutes(app: App, { editor, refuse, done }: Helpers): void {
  const { forecast } = app.repos;
  app.post('/forecast/official', { schema: { body: OfficialBody, hide: true } }, async (request, reply) => {
    const user = editor(request);
    const round = app.repos.rounds.getByCode(request.body.round);
    const score = checkScore(request.body.score, '正式民调得分');
    const rank = checkRank(request.body.rank ?? '');
    if (!round || !score.ok || !rank.ok) {
      const officialError = !round ? `找不到该轮次：${request.body.round}` : !score.ok ? score.message : !rank.ok ? rank.message : '';
      return refuse(request, reply, { officialError });
    }
    forecast.saveOfficialResult({ roundId: round.id, score: score.value, rank: rank.value }, round.code, { userId: user.id, client: actorOf(request).client });
    return done(reply, 'official');
  });

  app.post('/forecast/official/:round/delete', { schema: { params: OfficialParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = editor(request);
    const round = app.repos.rounds.getByCode(request.params.round);
    if (!round) throw new RoundNotFound(request.params.round);
    if (!forecast.deleteOfficialResult(round.id, round.code, { userId: user.id, client: actorOf(request).client })) throw new BadRequest('该轮次没有录入正式民调结果');
    return done(reply, 'official');
  });
}

export default forecastSettingsRoutes;
