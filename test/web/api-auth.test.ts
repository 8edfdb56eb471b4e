// The JSON API needs a credential (docs/rules.md#json-api): submissions and results take an API token or a staff
// session and answer within its scope; drafts are listed to staff only; the resident questionnaire stays public.
import t, { type Test } from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { build, logIn, bearer, issueToken, PASSWORD } from '../kit/app.js';
import { openRound, smallDistrict } from '../kit/fixtures.js';
import { completeAnswers, count } from '../kit/resident.js';
import { createRound } from '../../server/features/rounds/rounds-service.js';

// smallDistrict: D01 → townships D01-T1 (A) and D01-T2 (B) → villages → grids.
const GRID_A = 'D01-T1-V1-G1';
const GRID_B = 'D01-T2-V1-G1';

async function setup(t: Test) {
  let tokenA = '';
  let tokenAll = '';
  const built = await build(t, { seed: (repos) => {
    smallDistrict(repos);
    openRound(repos);
    tokenA = issueToken(repos, 'D01-T1', '东城街道网格系统');
    tokenAll = issueToken(repos, null, '区平安办大屏');
    const township = repos.units.getByCode('D01-T1');
    repos.users.create({ username: 'township', displayName: '东城综治中心', password: PASSWORD, role: 'township', unitId: township?.id ?? null });
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  } });
  const round = built.repos.rounds.list().find((r) => r.state === 'open');
  const version = round && built.repos.surveys.getVersion(round.surveyVersionId);
  if (!round || !version) throw new Error('fixture round missing');
  const submit = (grid: string, headers: Record<string, string> = {}, cookies: Record<string, string> = {}) =>
    built.app.inject({
      method: 'POST',
      url: `/api/rounds/${round.code}/responses`,
      headers,
      cookies,
      payload: { grid, answers: completeAnswers(version.survey) },
    });
  const results = (unit: string | null, headers: Record<string, string> = {}, cookies: Record<string, string> = {}) =>
    built.app.inject({ method: 'GET', url: `/api/rounds/${round.code}/results${unit === null ? '' : `?unit=${unit}`}`, headers, cookies });
  return { ...built, round, tokenA, tokenAll, submit, results };
}

function assertApiError(t: Test, res: LightMyRequestResponse, status: number, message: string | RegExp): void {
  t.equal(res.statusCode, status, `status ${status}`);
  t.match(res.headers['content-type'], /^application\/json/);
  t.match(res.json(), { statusCode: status, message });
}

t.test('without a credential the API stores and reveals nothing', async (t) => {
  const { db, submit, results } = await setup(t);
  const post = await submit(GRID_A);
  assertApiError(t, post, 401, '请提供 API 令牌（Authorization: Bearer 令牌）或先登录');
  t.equal(post.headers['www-authenticate'], 'Bearer realm="safepoll"', 'the reply says which scheme to use');
  const read = await results('D01-T1');
  assertApiError(t, read, 401, '请提供 API 令牌');
  t.notMatch(read.body, /composite/, 'no numbers in the refusal');
  assertApiError(t, await results(null), 401, '请提供 API 令牌');

  const fakes = ['Bearer not-a-token', `Bearer sp_${'A'.repeat(43)}`, 'Basic dXNlcjpwYXNz', 'Bearer'];
  for (const authorization of fakes) {
    assertApiError(t, await submit(GRID_A, { authorization }), 401, 'API 令牌无效或已被吊销');
    assertApiError(t, await results('D01-T1', { authorization }), 401, 'API 令牌无效或已被吊销');
  }
  t.equal(count(db, 'responses'), 0, 'nothing stored');
});

t.test('a token for township A reads and submits for A only, and nothing once revoked', async (t) => {
  const { db, repos, tokenA, submit, results } = await setup(t);
  const auth = bearer(tokenA);
  t.equal((await results('D01-T1', auth)).statusCode, 200, 'A itself');
  const village = await results('D01-T1-V2', auth);
  t.equal(village.statusCode, 200, 'a village of A');
  t.equal(village.json().unit.code, 'D01-T1-V2');

  assertApiError(t, await results('D01-T2', auth), 403, '该令牌或账号无权访问该单位：D01-T2');
  assertApiError(t, await results('D01-T2-V1', auth), 403, '无权访问该单位');
  assertApiError(t, await results('D01', auth), 403, '无权访问该单位：D01');
  assertApiError(t, await results(null, auth), 403, '请用 unit 参数指定您范围内的单位');
  assertApiError(t, await results('NOPE', auth), 404, '找不到该单位：NOPE');

  const mine = await submit(GRID_A, auth);
  t.equal(mine.statusCode, 201, 'a grid of A takes the answers');
  assertApiError(t, await submit(GRID_B, auth), 403, `该令牌或账号无权访问该单位：${GRID_B}`);
  t.equal(count(db, 'responses'), 1, 'only the response for A is stored');

  const token = repos.apiTokens.list().find((k) => k.name === '东城街道网格系统');
  t.ok(token?.lastUsedAt, 'last use is recorded');
  if (!token) throw new Error('token missing');
  t.ok(repos.apiTokens.revoke(token.id));
  assertApiError(t, await results('D01-T1', auth), 401, 'API 令牌无效或已被吊销');
  assertApiError(t, await submit(GRID_A, auth), 401, 'API 令牌无效或已被吊销');
  t.equal(count(db, 'responses'), 1, 'nothing stored after revocation');
});

t.test('a whole-district token reads the round’s top unit and every township', async (t) => {
  const { tokenAll, results } = await setup(t);
  const top = await results(null, bearer(tokenAll));
  t.equal(top.statusCode, 200);
  t.equal(top.json().unit.code, 'D01');
  t.equal((await results('D01-T2', bearer(tokenAll))).statusCode, 200);
});

t.test('a staff session works within its own scope; a bearer header wins over it', async (t) => {
  const { app, db, repos, submit, results } = await setup(t);
  const township = await logIn(app, 'township', PASSWORD);
  t.equal((await results('D01-T1', {}, township.cookies)).statusCode, 200);
  assertApiError(t, await results('D01-T2', {}, township.cookies), 403, '无权访问该单位');
  t.equal((await submit(GRID_A, {}, township.cookies)).statusCode, 201);
  assertApiError(t, await submit(GRID_B, {}, township.cookies), 403, '无权访问该单位');

  const committee = await logIn(app, 'committee', PASSWORD);
  t.equal((await results(null, {}, committee.cookies)).statusCode, 200, 'the committee sees the whole round');
  t.equal((await results('D01-T2', {}, committee.cookies)).statusCode, 200);

  const revoked = repos.apiTokens.issue({ name: '旧系统', unitId: null, createdBy: null });
  repos.apiTokens.revoke(revoked.token.id);
  assertApiError(t, await results('D01-T1', bearer(revoked.secret), committee.cookies), 401, '已被吊销');
  t.equal(count(db, 'responses'), 1);
});

t.test('draft rounds are listed to staff only; the questionnaire stays public', async (t) => {
  const { app, repos, round, tokenAll } = await setup(t);
  const draft = createRound(repos, { surveyVersionId: round.surveyVersionId, period: '2099-01', unitIds: [repos.units.roots()[0].id] });
  const codes = async (headers: Record<string, string> = {}, cookies: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'GET', url: '/api/rounds', headers, cookies });
    t.equal(res.statusCode, 200);
    return res.json<{ rounds: Array<{ code: string }> }>().rounds.map((r) => r.code);
  };
  t.same(await codes(), [round.code], 'anonymous: the open round, no draft');
  t.same(await codes(bearer(tokenAll)), [round.code], 'a token: no draft either');
  const committee = await logIn(app, 'committee', PASSWORD);
  t.same((await codes({}, committee.cookies)).sort(), [draft.code, round.code].sort(), 'staff: the draft too');
  const township = await logIn(app, 'township', PASSWORD);
  t.ok((await codes({}, township.cookies)).includes(draft.code), 'a township whose area the draft covers');
  assertApiError(t, await app.inject({ method: 'GET', url: '/api/rounds', headers: bearer(`sp_${'B'.repeat(43)}`) }), 401, '令牌无效');

  const form = await app.inject({ method: 'GET', url: `/api/grids/${GRID_B}/questionnaire` });
  t.equal(form.statusCode, 200, 'residents’ questionnaire without a credential');
});

t.test('the OpenAPI document declares the schemes and marks each operation', async (t) => {
  const { app } = await setup(t);
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  t.match(doc.components.securitySchemes, {
    apiToken: { type: 'http', scheme: 'bearer' },
    staffSession: { type: 'apiKey', in: 'cookie', name: 'sp_session' },
  });
  const either = [{ apiToken: [] }, { staffSession: [] }];
  const submit = doc.paths['/api/rounds/{round}/responses'].post;
  t.same(submit.security, either, 'a submission needs a token or a session');
  t.ok(submit.responses['401'] && submit.responses['403'], '401 and 403 documented');
  const read = doc.paths['/api/rounds/{round}/results'].get;
  t.same(read.security, either, 'results need a token or a session');
  t.ok(read.responses['401'] && read.responses['403']);
  t.same(doc.paths['/api/rounds'].get.security, [{}, ...either], 'the list is open, more with a session');
  t.same(doc.paths['/api/grids/{gridCode}/questionnaire'].get.security, [], 'the questionnaire is public');
});
