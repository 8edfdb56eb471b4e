// Pages, stylesheets and JSON go out compressed when the client accepts it; the resident form's cached pages are
// compressed once per cache entry (features/resident-form/compressed-page.ts), not once per request.
import t from 'tap';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { pollApp } from '../kit/resident-poll.js';
import { completeAnswers, deviceCookie, FORM, formBody, hiddenField, shownFor } from '../kit/resident.js';
import { pageCompressions } from '../../server/features/resident-form/compressed-page.js';
import { build } from '../kit/app.js';
import { createRound, openRoundById } from '../../server/features/rounds/rounds-service.js';

function decoded(res: LightMyRequestResponse): string {
  const coding = res.headers['content-encoding'];
  if (coding === 'gzip') return gunzipSync(res.rawPayload).toString('utf8');
  if (coding === 'br') return brotliDecompressSync(res.rawPayload).toString('utf8');
  return res.body;
}

/** The page with its one-time key blanked, so two servings of the same page compare equal. */
function withoutKey(html: string): string {
  return html.replace(/(name="submission_key" value=")[^"]*"/, '$1"');
}

t.test('the resident form is sent in gzip to a browser that accepts it, and unpacks to the plain page', async (t) => {
  const { app, poll } = await pollApp(t);
  const plain = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: plain bytes');
  t.equal(plain.headers.vary, 'Accept-Encoding');
  const headers = { 'accept-encoding': 'gzip, deflate, br' };
  const zipped = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}`, headers });
  t.equal(zipped.statusCode, 200);
  t.equal(zipped.headers['content-encoding'], 'gzip', 'the form (with per-request holes) is kept in gzip');
  t.match(zipped.headers.vary, /Accept-Encoding/);
  t.equal(zipped.headers['content-type'], 'text/html; charset=utf-8');
  t.ok(zipped.rawPayload.length < plain.rawPayload.length / 2, `compressed ${zipped.rawPayload.length} of ${plain.rawPayload.length} bytes`);
  const html = decoded(zipped);
  t.equal(withoutKey(html), withoutKey(plain.body), 'the same page once unpacked');
  const key = hiddenField(html, 'submission_key');
  t.ok(key && key !== hiddenField(plain.body, 'submission_key'), 'with its own one-time key');
});

/** Opens the form in gzip and submits it as the browser would; returns the device's cookies. */
async function answerInGzip(app: Awaited<ReturnType<typeof pollApp>>['app'], poll: Awaited<ReturnType<typeof pollApp>>['poll']) {
  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}`, headers: { 'accept-encoding': 'gzip' } });
  const cookies = deviceCookie(page);
  const plain = completeAnswers(poll.survey);
  const res = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, cookies, headers: FORM,
    payload: formBody(plain, { shown: shownFor(poll.survey, plain), submission_key: hiddenField(decoded(page), 'submission_key') ?? '' }),
  });
  return { res, cookies };
}

t.test('a form served in gzip is submitted like any other', async (t) => {
  const { app, poll } = await pollApp(t);
  const { res } = await answerInGzip(app, poll);
  t.equal(res.statusCode, 200);
  t.match(res.body, '提交成功');
});

t.test('an invited form (two holes) unpacks with both values in place', async (t) => {
  const { app, repos, poll } = await pollApp(t);
  const [token] = repos.invites.create(poll.round.id, poll.gridId, 1);
  const res = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}?invite=${encodeURIComponent(token)}`, headers: { 'accept-encoding': 'gzip' } });
  t.equal(res.headers['content-encoding'], 'gzip');
  const html = decoded(res);
  t.equal(hiddenField(html, 'invite'), token);
  t.ok(hiddenField(html, 'submission_key'));
  t.match(html, '</html>');
});

t.test('a page without holes is kept in brotli too; identity and q=0 are respected', async (t) => {
  const { app, poll } = await pollApp(t);
  const { res: stored, cookies } = await answerInGzip(app, poll);
  t.equal(stored.statusCode, 200);
  const again = (encoding: string) => app.inject({ method: 'GET', url: `/g/${poll.gridCode}`, cookies, headers: { 'accept-encoding': encoding } });
  const plain = await again('identity');
  t.equal(plain.headers['content-encoding'], undefined);
  t.match(plain.body, '本设备本轮已提交');
  const br = await again('gzip;q=0.5, br');
  t.equal(br.headers['content-encoding'], 'br');
  t.equal(decoded(br), plain.body, 'brotli unpacks to the same page');
  const gzip = await again('br;q=0, gzip');
  t.equal(gzip.headers['content-encoding'], 'gzip');
  t.equal(decoded(gzip), plain.body);
});

t.test('a cached page is compressed once, not on every request', async (t) => {
  const { app, repos, poll } = await pollApp(t);
  const before = pageCompressions.count;
  for (let i = 0; i < 5; i++) {
    const res = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}`, headers: { 'accept-encoding': 'gzip, br' } });
    t.equal(res.headers['content-encoding'], 'gzip');
  }
  t.equal(pageCompressions.count - before, 1, 'five requests, one compression');
  // A new round is a new cache entry: its page is compressed once more.
  const next = createRound(repos, { surveyVersionId: poll.round.surveyVersionId, period: '2025-04', unitIds: [poll.gridId] });
  openRoundById(repos, next.id);
  for (let i = 0; i < 3; i++) t.match(decoded(await app.inject({ method: 'GET', url: `/g/${poll.gridCode}`, headers: { 'accept-encoding': 'gzip' } })), '2025年4月');
  t.equal(pageCompressions.count - before, 2);
});

t.test('staff pages, stylesheets and JSON are compressed; small bodies are not', async (t) => {
  const { app } = await build(t);
  const css = await app.inject({ method: 'GET', url: '/static/staff.css', headers: { 'accept-encoding': 'br' } });
  t.equal(css.statusCode, 200);
  t.equal(css.headers['content-encoding'], 'br');
  t.match(css.headers.vary, /accept-encoding/i);
  t.match(decoded(css), '.topbar');
  const login = await app.inject({ method: 'GET', url: '/login', headers: { 'accept-encoding': 'gzip' } });
  t.equal(login.headers['content-encoding'], 'gzip');
  t.match(decoded(login), '登录');
  const json = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
  t.equal(json.headers['content-encoding'], 'gzip');
  t.ok(JSON.parse(decoded(json)).openapi);
  const tiny = await app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-encoding': 'gzip' } });
  t.equal(tiny.statusCode, 404);
  t.equal(tiny.headers['content-encoding'], undefined, 'a 100-byte JSON error is sent as it is');
  t.equal(tiny.json().message, '找不到该页面');
  const smallFile = await app.inject({ method: 'GET', url: '/static/favicon.svg', headers: { 'accept-encoding': 'gzip, br' } });
  t.equal(smallFile.statusCode, 200);
  t.equal(smallFile.headers['content-encoding'], undefined, 'a 300-byte file is sent as it is');
  t.match(smallFile.body, '<svg');
});

t.test('/favicon.ico is an icon kept for long, not a 404 page', async (t) => {
  const { app } = await build(t);
  const res = await app.inject({ method: 'GET', url: '/favicon.ico' });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'image/x-icon');
  t.match(res.headers['cache-control'], /max-age=\d{6,}/);
  t.same([...res.rawPayload.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
  t.ok(res.rawPayload.length < 4096, `${res.rawPayload.length} bytes`);
  const svg = await app.inject({ method: 'GET', url: '/static/favicon.svg' });
  t.equal(svg.statusCode, 200);
  t.match(svg.headers['content-type'], /image\/svg\+xml/);
});
