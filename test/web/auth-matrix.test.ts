// The authorization matrix: every route of the app, tried by every kind of visitor (administrator, committee,
// township, grid worker, anonymous, a disabled account's live session, an account that must still change its
// one-time password), against the expected allow/deny. The routes come from the router itself, so a new route
// without an entry here fails this test.
import t from 'tap';
import { build, sessionCookie } from '../kit/app.js';
import { openRound, smallDistrict } from '../kit/fixtures.js';
import type { Repos } from '../../server/platform/repos.js';
import { csrfJar, listRoutes, outcomeOf, send, type Outcome, type Reading } from '../kit/auth-matrix.js';
import { hashPasswordSync } from '../../server/features/accounts/passwords.js';
import { markInviteOnly } from '../../server/features/invites/invites-service.js';
import { createRound } from '../../server/features/rounds/rounds-service.js';

const ROLES = ['admin', 'committee', 'township', 'grid', 'anonymous', 'disabled', 'mustChange'] as const;
type Role = (typeof ROLES)[number];
type Expect = Record<Role, Outcome>;

const GRID = 'D01-T1-V1-G1';
/** A staff page every role reaches within its scope. */
const STAFF: Expect = { admin: 'ok', committee: 'ok', township: 'ok', grid: 'ok', anonymous: 'login', disabled: 'disabled', mustChange: 'change' };
/** Administrators and the committee only (rounds, accounts, the audit log). */
const MANAGERS: Expect = { ...STAFF, township: 'denied', grid: 'denied' };
const ADMINS: Expect = { ...MANAGERS, committee: 'denied' };
/** The roster's imports and status marks: the committee everywhere, township staff in their township. */
const ROSTER_EDITORS: Expect = { ...STAFF, grid: 'denied' };
/** Public: the resident form, the questionnaire API, the login page. */
const PUBLIC: Expect = { admin: 'ok', committee: 'ok', township: 'ok', grid: 'ok', anonymous: 'ok', disabled: 'ok', mustChange: 'ok' };
/** The JSON API with a credential: a staff session counts, a disabled or must-change session does not. */
const API: Expect = { ...PUBLIC, anonymous: 'login', disabled: 'login', mustChange: 'login' };

interface Entry extends Reading {
  url: string;
  body?: Record<string, string>;
  json?: unknown;
  expect: Expect;
}

/** One receipt per workflow route, each in GRID, so the routes do not depend on each other's order. */
interface MatrixReceipts {
  view: number;
  assign: number;
  /** Handed to GRID, so its grid worker may answer it. */
  answer: number;
  /** Answered, so it may be closed. */
  close: number;
  dismiss: number;
  /** Opened by a response whose resident left a number, handed to GRID: its grid worker may reveal the number. */
  contact: number;
  /** Answered, so it may be sent back (退回重办). */
  sendBack: number;
}

function receiptEntries(round: string, receipts: MatrixReceipts): Record<string, Entry> {
  // Grid workers answer; handing on, closing and dismissing are for the township and above (403 for a grid worker).
  const aboveGrid: Expect = { ...STAFF, grid: 'denied' };
  const village = GRID.replace(/-G1$/, '');
  return {
    'GET /receipts/:id': { url: `/receipts/${receipts.view}`, expect: STAFF },
    'POST /receipts/:id/assign': { url: `/receipts/${receipts.assign}/assign`, body: { assignee: `unit:${GRID}`, due: '' }, expect: aboveGrid },
    'POST /receipts/:id/answer': { url: `/receipts/${receipts.answer}/answer`, body: { action: '已处理', reply: '已答复', method: 'phone' }, expect: STAFF },
    'POST /receipts/:id/close': { url: `/receipts/${receipts.close}/close`, expect: aboveGrid },
    'POST /receipts/:id/contact': { url: `/receipts/${receipts.contact}/contact`, expect: STAFF },
    'POST /receipts/:id/return': { url: `/receipts/${receipts.sendBack}/return`, body: { reason: '答复不实' }, expect: aboveGrid },
    'POST /receipts/:id/dismiss': { url: `/receipts/${receipts.dismiss}/dismiss`, body: { reason: 'duplicate' }, expect: aboveGrid },
    'POST /receipts/bulk-assign': { url: '/receipts/bulk-assign', body: { round, village, assignee: `unit:${village}`, due: '' }, expect: aboveGrid },
    'POST /receipts/due-days': { url: '/receipts/due-days', body: { round, days: '7' }, expect: MANAGERS },
  };
}

function matrixReceipts(repos: Repos, roundId: number): MatrixReceipts {
  const gridId = repos.units.getByCode(GRID)?.id ?? -1;
  const make = () => repos.receipts.create({ roundId, gridId, responseId: null, source: 'staff', questionId: null, body: '路灯坏了' });
  const answer = make();
  repos.receipts.assign(answer, { userId: null, unitId: gridId });
  const close = make();
  repos.receipts.answer(close, { action: '已处理', text: '已答复', method: 'phone' });
  const sendBack = make();
  repos.receipts.answer(sendBack, { action: '已处理', text: '已答复', method: 'phone' });
  return { view: make(), assign: make(), answer, close, dismiss: make(), contact: 0, sendBack };
}

/** Made through the app's own repositories: the number is sealed with the app's secret, so a reveal opens it. */
function contactReceipt(repos: Repos, roundCode: string): number {
  const roundId = repos.rounds.getByCode(roundCode)?.id ?? -1;
  const gridId = repos.units.getByCode(GRID)?.id ?? -1;
  const survey = repos.surveys.latest('hunan-100')?.survey;
  if (!survey) throw new Error('fixture');
  const stored = repos.responses.insert({
    roundId, gridId, channel: 'web', status: 'complete', answers: {}, survey, replyContact: { digits: '13812345678', masked: '138****5678' },
  });
  if (!stored.ok) throw new Error('fixture');
  const id = repos.receipts.create({ roundId, gridId, responseId: stored.id, source: 'suggestion', questionId: null, body: '路灯坏了' });
  repos.receipts.assign(id, { userId: null, unitId: gridId });
  return id;
}

/** Invite-only rounds (features/invites): the committee's. Batch 999999 does not exist: a 409 after the role check. */
function inviteEntries(round: string): Record<string, Entry> {
  const r = `/rounds/${round}/invites`;
  return {
    'GET /rounds/:code/invites': { url: r, expect: MANAGERS },
    'POST /rounds/:code/invites': { url: r, body: { grid: GRID, count: 'x' }, expect: MANAGERS },
    'GET /rounds/:code/invites/:batch/slips': { url: `${r}/999999/slips?per=8`, expect: MANAGERS },
    'POST /rounds/:code/invites/:batch/void': { url: `${r}/999999/void`, expect: MANAGERS },
  };
}

function table(ids: { round: string; closing: string; inviteRound: string; target: number; token: number; receipts: MatrixReceipts }): Record<string, Entry> {
  const r = `/rounds/${ids.round}`;
  const u = `/admin/users/${ids.target}`;
  return {
    'GET /*': { url: '/static/staff.css', expect: PUBLIC },
    'GET /favicon.ico': { url: '/favicon.ico', expect: PUBLIC },
    'GET /': { url: '/', expect: STAFF },
    'GET /summary': { url: `/summary?unit=${GRID}`, expect: STAFF },
    'GET /api/openapi.json': { url: '/api/openapi.json', expect: PUBLIC },
    'GET /api/rounds': { url: '/api/rounds', expect: PUBLIC },
    // Empty answers are refused (400) only after the credential and the grid's scope have been checked.
    'POST /api/rounds/:round/responses': { url: `/api${r}/responses`, json: { grid: GRID, answers: {} }, accept: [400], expect: API },
    'GET /api/rounds/:round/results': { url: `/api${r}/results?unit=${GRID}`, expect: API },
    // The half-year summary as data: the results API's credentials and scopes (no closed month here: 404 past them).
    'GET /api/summary': { url: `/api/summary?unit=${GRID}`, accept: [404], expect: API },
    'GET /api/grids/:gridCode/questionnaire': { url: `/api/grids/${GRID}/questionnaire`, expect: PUBLIC },
    'GET /roster': { url: '/roster', expect: STAFF },
    // Input refusals (an empty paste or upload, a contact that does not exist) come after the role check.
    'POST /roster/import': { url: '/roster/import', body: { csv: '' }, accept: [400], expect: ROSTER_EDITORS },
    'POST /roster/upload': { url: '/roster/upload', body: {}, accept: [400], expect: ROSTER_EDITORS },
    'POST /roster/search': { url: '/roster/search', body: { q: '张' }, expect: STAFF },
    'POST /roster/:id/status': { url: '/roster/999999/status', body: { from: 'active', to: 'invalid' }, accept: [404], expect: ROSTER_EDITORS },
    'GET /admin/tokens': { url: '/admin/tokens', expect: ADMINS },
    'POST /admin/tokens': { url: '/admin/tokens', body: { name: '测试系统', unit: '' }, expect: ADMINS },
    'POST /admin/tokens/:id/revoke': { url: `/admin/tokens/${ids.token}/revoke`, expect: ADMINS },
    'GET /admin/users': { url: '/admin/users', expect: MANAGERS },
    'POST /admin/users': { url: '/admin/users', body: { username: 'new-grid', displayName: '新网格员', role: 'grid', unit: GRID }, expect: MANAGERS },
    'GET /admin/users/:id': { url: u, expect: MANAGERS },
    'POST /admin/users/:id/scope': { url: `${u}/scope`, body: { role: 'grid', unit: GRID, fromRole: 'grid', fromUnit: GRID }, expect: MANAGERS },
    'POST /admin/users/:id/disable': { url: `${u}/disable`, expect: MANAGERS },
    'POST /admin/users/:id/enable': { url: `${u}/enable`, expect: MANAGERS },
    'POST /admin/users/:id/reset': { url: `${u}/reset`, expect: MANAGERS },
    'GET /account': { url: '/account', expect: STAFF },
    'GET /account/password': { url: '/account/password', expect: { ...STAFF, mustChange: 'ok' } },
    'POST /account/password': { url: '/account/password', body: { current: 'wrong', password: 'x', confirm: 'x' }, expect: { ...STAFF, mustChange: 'ok' } },
    'POST /account/sign-out-all': { url: '/account/sign-out-all', doneAt: '/login', expect: STAFF },
    'GET /audit': { url: '/audit', expect: MANAGERS },
    'GET /audit.csv': { url: '/audit.csv', expect: MANAGERS },
    'GET /g/:gridCode': { url: `/g/${GRID}`, expect: PUBLIC },
    'POST /g/:gridCode': { url: `/g/${GRID}`, body: {}, expect: PUBLIC },
    'GET /login': { url: '/login', expect: PUBLIC },
    // Anyone may try to log in; a wrong password is answered 401 on the login page whoever sends it, and after five
    // failures of the same name 429 (the per-account delay).
    'POST /login': { url: '/login', body: { username: 'nobody', password: 'wrong password' }, expect: { ...PUBLIC }, accept: [401, 429] },
    'POST /logout': { url: '/logout', doneAt: '/login', expect: PUBLIC },
    'GET /units': { url: '/units', expect: STAFF },
    'GET /units/:code': { url: `/units/${GRID}`, expect: STAFF },
    'GET /rounds': { url: '/rounds', expect: STAFF },
    'POST /rounds': { url: '/rounds', body: { surveyVersionId: '0', period: 'bad' }, expect: MANAGERS },
    'GET /rounds/new': { url: '/rounds/new', expect: MANAGERS },
    'GET /rounds/:code': { url: r, expect: STAFF },
    'GET /rounds/:code/open': { url: `/rounds/${ids.closing}/open`, expect: MANAGERS },
    'POST /rounds/:code/open': { url: `${r}/open`, expect: MANAGERS },
    'GET /rounds/:code/close': { url: `/rounds/${ids.closing}/close`, expect: MANAGERS },
    'POST /rounds/:code/close': { url: `/rounds/${ids.closing}/close`, expect: MANAGERS },
    // The round's ranking setting (model or direct estimate for villages and grids).
    'POST /rounds/:code/ranking': { url: `${r}/ranking`, body: { rankingEstimate: 'direct' }, expect: MANAGERS },
    // Anomaly review (待核查): the committee decides; an id or grid with nothing held is a 404 after the role check.
    'GET /rounds/:code/review': { url: `${r}/review`, expect: MANAGERS },
    'POST /rounds/:code/review/settings': { url: `${r}/review/settings`, body: { burstMadK: 'x' }, accept: [400], expect: MANAGERS },
    'POST /rounds/:code/review/:id/accept': { url: `${r}/review/999999/accept`, accept: [404], expect: MANAGERS },
    'POST /rounds/:code/review/:id/reject': { url: `${r}/review/999999/reject`, accept: [404], expect: MANAGERS },
    'POST /rounds/:code/review/grid/:gridCode/accept': { url: `${r}/review/grid/${GRID}/accept`, accept: [404], expect: MANAGERS },
    'POST /rounds/:code/review/grid/:gridCode/reject': { url: `${r}/review/grid/${GRID}/reject`, accept: [404], expect: MANAGERS },
    // 剔除 is confirmed on its own page; a decision can be reversed
    'GET /rounds/:code/review/:id/reject': { url: `${r}/review/999999/reject`, accept: [404], expect: MANAGERS },
    'GET /rounds/:code/review/grid/:gridCode/reject': { url: `${r}/review/grid/${GRID}/reject`, accept: [404], expect: MANAGERS },
    'POST /rounds/:code/review/:id/reverse': { url: `${r}/review/999999/reverse`, body: { to: 'accepted' }, accept: [404], expect: MANAGERS },
    // Paper entry and call-backs (真实度回访): staff within their scope; the share, the draw and the report are the
    // committee's. An id that was not keyed or drawn is a 404 after the role and scope checks.
    'GET /rounds/:code/paper': { url: `${r}/paper`, expect: STAFF },
    'POST /rounds/:code/paper': { url: `${r}/paper`, body: { grid: '' }, expect: STAFF },
    'GET /rounds/:code/paper/:id': { url: `${r}/paper/999999`, accept: [404], expect: STAFF },
    'GET /rounds/:code/callbacks': { url: `${r}/callbacks`, expect: STAFF },
    'POST /rounds/:code/callbacks/share': { url: `${r}/callbacks/share`, body: { share: '10' }, expect: MANAGERS },
    'POST /rounds/:code/callbacks/draw': { url: `${r}/callbacks/draw`, expect: MANAGERS },
    'GET /rounds/:code/callbacks/report': { url: `${r}/callbacks/report`, expect: MANAGERS },
    // Interviewer quality (访员质量): the committee, and township staff for their township's interviewers.
    'GET /rounds/:code/interviewers': { url: `${r}/interviewers`, expect: ROSTER_EDITORS },
    'GET /rounds/:code/interviewers.xlsx': { url: `${r}/interviewers.xlsx`, expect: ROSTER_EDITORS },
    'GET /api/rounds/:round/interviewers': { url: `/api${r}/interviewers`, expect: { ...API, grid: 'denied' } },
    // The round's thresholds for 需核查: the committee's (a second save on the same version is a 409 after the check).
    'POST /rounds/:code/interviewers/thresholds': { url: `${r}/interviewers/thresholds`, body: { basedOn: '', minMedianMinutes: '6' }, expect: MANAGERS },
    'GET /rounds/:code/callbacks/:id': { url: `${r}/callbacks/999999`, accept: [404], expect: STAFF },
    'POST /rounds/:code/callbacks/:id': { url: `${r}/callbacks/999999`, body: { outcome: 'denied' }, accept: [404], expect: STAFF },
    // the call-back's number reveal
    'POST /rounds/:code/callbacks/:id/reveal': { url: `${r}/callbacks/999999/reveal`, accept: [404], expect: STAFF },
    'GET /rounds/:code/links': { url: `${r}/links?unit=${GRID}`, expect: STAFF },
    'GET /rounds/:code/links/:gridCode/poster': { url: `${r}/links/${GRID}/poster`, expect: STAFF },
    // Posters: a batch to print within the user's scope; the settings every poster prints are the managers'; a grid's
    // worker is set by anyone whose scope holds the grid.
    'GET /rounds/:code/posters': { url: `${r}/posters?unit=${GRID}&per=4`, expect: STAFF },
    'POST /rounds/:code/links/settings': { url: `${r}/links/settings`, body: { publicUrl: '' }, expect: MANAGERS },
    'POST /units/:code/worker': { url: `/units/${GRID}/worker`, body: { workerName: '王芳', workerPhone: '13812345678' }, expect: STAFF },
    'GET /rounds/:code/export.xlsx': { url: `${r}/export.xlsx?unit=${GRID}`, expect: STAFF },
    'GET /rounds/:code/export.csv': { url: `${r}/export.csv?unit=${GRID}`, expect: STAFF },
    'GET /rounds/:code/responses.csv': { url: `${r}/responses.csv?unit=${GRID}`, expect: STAFF },
    // The data for statisticians follows the raw export's access.
    'GET /rounds/:code/data.sav': { url: `${r}/data.sav?unit=${GRID}`, expect: STAFF },
    'GET /rounds/:code/data.dta': { url: `${r}/data.dta?unit=${GRID}`, expect: STAFF },
    'GET /rounds/:code/data.csv': { url: `${r}/data.csv?unit=${GRID}`, expect: STAFF },
    'GET /rounds/:code/data.R': { url: `${r}/data.R?unit=${GRID}`, expect: STAFF },
    'GET /rounds/:code/codebook': { url: `${r}/codebook?unit=${GRID}`, expect: STAFF },
    'GET /rounds/:code/codebook.xlsx': { url: `${r}/codebook.xlsx?unit=${GRID}`, expect: STAFF },
    // The half-year window's data follows the summary's access (a 404 when no month is closed, after the scope check).
    'GET /summary/data.sav': { url: `/summary/data.sav?unit=${GRID}`, accept: [404], expect: STAFF },
    'GET /summary/data.dta': { url: `/summary/data.dta?unit=${GRID}`, accept: [404], expect: STAFF },
    'GET /summary/data.csv': { url: `/summary/data.csv?unit=${GRID}`, accept: [404], expect: STAFF },
    'GET /summary/data.R': { url: `/summary/data.R?unit=${GRID}`, accept: [404], expect: STAFF },
    'GET /summary/codebook': { url: `/summary/codebook?unit=${GRID}`, accept: [404], expect: STAFF },
    'GET /summary/codebook.xlsx': { url: `/summary/codebook.xlsx?unit=${GRID}`, accept: [404], expect: STAFF },
    'GET /rounds/:code/bulletin': { url: `${r}/bulletin?unit=${GRID}`, expect: STAFF },
    // The Word files follow their pages' access; a summary with no closed month is a 404 after the scope check.
    'GET /rounds/:code/bulletin.docx': { url: `${r}/bulletin.docx?unit=${GRID}`, expect: STAFF },
    'GET /summary.docx': { url: `/summary.docx?unit=${GRID}`, accept: [404], expect: STAFF },
    // The half-year summary's files follow its page's access (no closed month here: 404 after the scope check).
    'GET /summary.xlsx': { url: `/summary.xlsx?unit=${GRID}`, accept: [404], expect: STAFF },
    'GET /summary.csv': { url: `/summary.csv?unit=${GRID}`, accept: [404], expect: STAFF },
    // The notices' issuing body, prefix and numbers are the committee's.
    'GET /admin/documents': { url: '/admin/documents', expect: MANAGERS },
    'POST /admin/documents': { url: '/admin/documents', body: { issuingBody: '清河区委政法委（平安办）', numberPrefix: '清平安办' }, expect: MANAGERS },
    // 发文 (the number and the file as issued) and its register are the committee's; a file nobody issued is a 404
    // after the role check.
    'GET /rounds/:code/document': { url: `${r}/document?unit=${GRID}&kind=bulletin`, expect: MANAGERS },
    'POST /rounds/:code/document/issue': { url: `${r}/document/issue?unit=${GRID}&kind=bulletin`, body: { corrects: '' }, expect: MANAGERS },
    'GET /documents': { url: '/documents', expect: MANAGERS },
    'GET /documents/:id/file': { url: '/documents/999999/file', accept: [404], expect: MANAGERS },
    // The bulletin's access rule; a grid ranks nothing below it, so past the scope check the answer is a 400.
    'GET /rounds/:code/ranking.png': { url: `${r}/ranking.png?unit=${GRID}`, accept: [400], expect: STAFF },
    'GET /receipts': { url: '/receipts', expect: STAFF },
    'GET /bulletins': { url: '/bulletins', expect: STAFF },
    // Phone interviews: every staff role phones within its scope; the round's retry rules are the committee's. No
    // roster numbers here: 下一个号码 finds none (303 back), and a number nobody holds is a 409 after the role check.
    'GET /cati': { url: '/cati', expect: STAFF },
    'GET /cati/:code': { url: `/cati/${ids.round}`, expect: STAFF },
    'POST /cati/:code/next': { url: `/cati/${ids.round}/next`, expect: STAFF },
    'POST /cati/:code/rules': { url: `/cati/${ids.round}/rules`, body: { max_attempts: '3', retry_minutes: '60' }, expect: MANAGERS },
    'GET /cati/:code/calls/:contact': { url: `/cati/${ids.round}/calls/999999`, expect: STAFF },
    'POST /cati/:code/calls/:contact/reveal': { url: `/cati/${ids.round}/calls/999999/reveal`, expect: STAFF },
    'POST /cati/:code/calls/:contact': { url: `/cati/${ids.round}/calls/999999`, body: { outcome: 'no_answer' }, expect: STAFF },
    // The forecast of the official poll: the committee's. The API's credential must cover the whole district (an open
    // round gives no forecast: 409 after the scope check); input refusals (422, 400) come after the role check.
    'GET /forecast': { url: '/forecast', expect: MANAGERS },
    'GET /forecast/settings': { url: '/forecast/settings', expect: MANAGERS },
    'POST /forecast/settings': { url: '/forecast/settings', body: { survey: '', sampleSize: '200', window: '1' }, expect: MANAGERS },
    'POST /forecast/peers': { url: '/forecast/peers', body: { name: '甲县', score: '90.5' }, expect: MANAGERS },
    'POST /forecast/peers/:id/delete': { url: '/forecast/peers/999999/delete', accept: [400], expect: MANAGERS },
    'POST /forecast/peers/import': { url: '/forecast/peers/import', body: { csv: '' }, expect: MANAGERS },
    'POST /forecast/peers/upload': { url: '/forecast/peers/upload', body: {}, expect: MANAGERS },
    'POST /forecast/official': { url: '/forecast/official', body: { round: 'no-such-round', score: '90' }, expect: MANAGERS },
    'POST /forecast/official/:round/delete': { url: `/forecast/official/${ids.round}/delete`, accept: [400], expect: MANAGERS },
    'GET /api/forecast': { url: '/api/forecast', expect: { ...API, township: 'denied', grid: 'denied' } },
    'GET /api/rounds/:round/forecast': { url: `/api${r}/forecast`, expect: { ...API, township: 'denied', grid: 'denied' } },
    // The sample planner (features/planning): district-wide figures, so the credential must cover the whole round
    // (an open round gives no advice: 409 after the scope check).
    'GET /api/rounds/:round/planning': { url: `/api${r}/planning?level=grid`, accept: [409], expect: { ...API, township: 'denied', grid: 'denied' } },
    // The planner page: the committee for the district, township staff for their township; grid workers plan no samples.
    'GET /planning': { url: '/planning', expect: ROSTER_EDITORS },
    ...receiptEntries(ids.round, ids.receipts),
    ...inviteEntries(ids.inviteRound),
  };
}

const PASSWORD = 'matrix password 1';

function people(repos: Repos): Record<Exclude<Role, 'anonymous'>, number> & { target: number } {
  smallDistrict(repos);
  const unit = (code: string) => repos.units.getByCode(code)?.id ?? null;
  const make = (username: string, role: 'admin' | 'committee' | 'township' | 'grid', code: string | null) =>
    repos.users.create({ username, displayName: username, password: PASSWORD, role, unitId: code === null ? null : unit(code) }).id;
  const ids = {
    admin: make('admin', 'admin', null),
    committee: make('committee', 'committee', null),
    township: make('township', 'township', 'D01-T1'),
    grid: make('grid', 'grid', GRID),
    disabled: make('disabled', 'township', 'D01-T1'),
    mustChange: make('mustchange', 'grid', GRID),
    target: make('target', 'grid', GRID),
  };
  const cli = { userId: null, client: null };
  repos.accounts.setActive(ids.disabled, false, cli);
  repos.accounts.resetPassword(ids.mustChange, hashPasswordSync('one-time password 1'), cli);
  return ids;
}

t.test('every route, every kind of visitor: allowed or refused as the roles say', async (t) => {
  let ids: ReturnType<typeof people> | undefined;
  let extra = { round: '', closing: '', inviteRound: '', token: 0, receipts: { view: 0, assign: 0, answer: 0, close: 0, dismiss: 0, contact: 0, sendBack: 0 } };
  const { app } = await build(t, { seed: (repos) => {
    ids = people(repos);
    const round = openRound(repos);
    const closing = openRound(repos, 'hunan-100', { period: '2025-02' });
    const token = repos.apiTokens.issue({ name: '矩阵', unitId: null, createdBy: null }).token.id;
    // A draft: it holds no grid's resident link, so the resident form routes still meet `round`.
    const inviteRound = createRound(repos, { surveyVersionId: round.surveyVersionId, period: '2025-03', unitIds: round.unitIds });
    markInviteOnly(repos, inviteRound.id);
    extra = { round: round.code, closing: closing.code, inviteRound: inviteRound.code, token, receipts: matrixReceipts(repos, round.id) };
  } });
  if (!ids) throw new Error('fixture failed');
  extra.receipts.contact = contactReceipt(app.repos, extra.round);
  const expected = table({ ...extra, target: ids.target });
  const routes = listRoutes(app);
  t.ok(routes.length >= 40, `the router lists ${routes.length} routes`);
  const jar = await csrfJar(app);
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    const entry = expected[key];
    if (!entry) {
      t.fail(`${key}: no entry in the authorization matrix — add one with the roles that may use it`);
      continue;
    }
    for (const role of ROLES) {
      const session = role === 'anonymous' ? null : sessionCookie(app, ids[role]);
      const res = await send(app, jar, session, { method: route.method, url: entry.url, body: entry.body, json: entry.json });
      t.equal(outcomeOf(res, entry), entry.expect[role], `${key} as ${role} (${res.statusCode})`);
    }
  }
  const listed = new Set(routes.map((r) => `${r.method} ${r.url}`));
  for (const key of Object.keys(expected)) t.ok(listed.has(key), `${key} is still a route`);
});
