// Helmet's headers on every kind of reply (server/web/plugins/security-headers.ts). HSTS and upgrade-insecure-requests
// only over HTTPS: on plain http://SERVER-ADDRESS:3000 they would send the form to an https:// nobody serves.
import t from 'tap';
import { build } from '../kit/app.js';
import { pollApp, preparePoll } from '../kit/resident-poll.js';
import { DRAFT_SCRIPT_CSP } from '../../server/features/resident-form/draft-script.js';

const CSP_HTTP =
  "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';" +
  `img-src 'self' data:;object-src 'none';script-src 'self' ${DRAFT_SCRIPT_CSP};script-src-attr 'none';style-src 'self' 'unsafe-inline'`;
const CSP_HTTPS = `${CSP_HTTP};upgrade-insecure-requests`;
const HSTS = 'max-age=31536000; includeSubDomains';

t.test('the resident form, a missing page and the JSON API carry the security headers', async (t) => {
  const { app, poll } = await pollApp(t);
  for (const url of [`/g/${poll.gridCode}`, '/no-such-page', '/api/rounds']) {
    const res = await app.inject({ method: 'GET', url });
    t.equal(res.headers['content-security-policy'], CSP_HTTP, `${url}: plain http, no upgrade-insecure-requests`);
    t.equal(res.headers['x-frame-options'], 'SAMEORIGIN', url);
    t.equal(res.headers['x-content-type-options'], 'nosniff', url);
    t.equal(res.headers['referrer-policy'], 'no-referrer', url);
    t.notOk(res.headers['strict-transport-security'], `${url}: no HSTS over plain http`);
    t.equal(res.headers['cross-origin-opener-policy'], 'same-origin', url);
    t.notOk(res.headers['cross-origin-embedder-policy'], `${url}: no COEP (WeChat's in-app browser)`);
  }
});

t.test('behind one trusted proxy, X-Forwarded-Proto: https brings HSTS and upgrade-insecure-requests', async (t) => {
  let gridCode = '';
  const { app } = await build(t, { seed: (repos, db) => { gridCode = preparePoll(repos, db).gridCode; }, config: { trustProxy: 1 } });
  for (const url of [`/g/${gridCode}`, '/no-such-page', '/login']) {
    const https = await app.inject({ method: 'GET', url, headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.0.0.7' } });
    t.equal(https.headers['content-security-policy'], CSP_HTTPS, `${url} over https`);
    t.equal(https.headers['strict-transport-security'], HSTS, `${url} over https`);
    const http = await app.inject({ method: 'GET', url, headers: { 'x-forwarded-proto': 'http' } });
    t.equal(http.headers['content-security-policy'], CSP_HTTP, `${url} over http`);
    t.notOk(http.headers['strict-transport-security']);
  }
});

t.test('without a trusted proxy, a client saying X-Forwarded-Proto: https changes nothing', async (t) => {
  const { app } = await build(t);
  const res = await app.inject({ method: 'GET', url: '/login', headers: { 'x-forwarded-proto': 'https' } });
  t.equal(res.headers['content-security-policy'], CSP_HTTP);
  t.notOk(res.headers['strict-transport-security']);
});

t.test('SAFEPOLL_HTTPS=1 sends them on every reply', async (t) => {
  const { app } = await build(t, { config: { https: true } });
  for (const url of ['/login', '/no-such-page']) {
    const res = await app.inject({ method: 'GET', url });
    t.equal(res.headers['content-security-policy'], CSP_HTTPS, url);
    t.equal(res.headers['strict-transport-security'], HSTS, url);
  }
});
