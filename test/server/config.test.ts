// Configuration from the environment: proxy hops, HTTPS and the public URL.
import t from 'tap';
import { loadConfig, trustProxyHops } from '../../server/config.js';

t.test('SAFEPOLL_TRUST_PROXY is a number of hops, 0 by default', async (t) => {
  t.equal(loadConfig({}).trustProxy, 0);
  t.equal(loadConfig({ SAFEPOLL_TRUST_PROXY: '1' }).trustProxy, 1);
  t.equal(loadConfig({ SAFEPOLL_TRUST_PROXY: '2' }).trustProxy, 2);
  t.throws(() => loadConfig({ SAFEPOLL_TRUST_PROXY: 'true' }), { message: /SAFEPOLL_TRUST_PROXY must be a whole number/ });
  t.throws(() => loadConfig({ SAFEPOLL_TRUST_PROXY: '99' }), { message: /trustProxy/ });
  t.equal(trustProxyHops(0), false);
  const one = trustProxyHops(1);
  t.ok(one && one('127.0.0.1', 0), 'the proxy talking to us is trusted');
  t.notOk(one && one('203.0.113.9', 1), 'the address it was told is not trusted further');
});

t.test('SAFEPOLL_HTTPS and SAFEPOLL_PUBLIC_URL', async (t) => {
  t.equal(loadConfig({}).https, false);
  t.equal(loadConfig({ SAFEPOLL_HTTPS: '1' }).https, true);
  t.throws(() => loadConfig({ SAFEPOLL_HTTPS: 'yes' }), { message: /SAFEPOLL_HTTPS must be 1 or 0/ });
  t.equal(loadConfig({ SAFEPOLL_PUBLIC_URL: 'https://poll.example.gov.cn/' }).publicUrl, 'https://poll.example.gov.cn');
});
