// Helmet's headers on every kind of reply (server/web/plugins/security-headers.ts).
import t from 'tap';
import { pollApp } from './resident-poll.js';

const CSP =
  "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';" +
  "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';" +
  'upgrade-insecure-requests';

t.test('the resident form, a missing page and the JSON API carry the security headers', async (t) => {
  const { app, poll } = await pollApp(t);
  for (const url of [`/g/${poll.gridCode}`, '/no-such-page', '/api/rounds']) {
    const res = await app.inject({ method: 'GET', url });
    t.equal(res.headers['content-security-policy'], CSP, url);
    t.equal(res.headers['x-frame-options'], 'SAMEORIGIN', url);
    t.equal(res.headers['x-content-type-options'], 'nosniff', url);
    t.equal(res.headers['referrer-policy'], 'no-referrer', url);
    t.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains', url);
    t.equal(res.headers['cross-origin-opener-policy'], 'same-origin', url);
    t.notOk(res.headers['cross-origin-embedder-policy'], `${url}: no COEP (WeChat's in-app browser)`);
  }
});
