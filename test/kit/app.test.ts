// The test kit itself: build(t, { seed, config, logger }) gives the app those fixtures, settings and log, and
// injectAs gives a staff member's session whose pages are of that member's scope and whose forms are accepted.
import t from 'tap';
import { build, injectAs, logLines, PASSWORD } from './app.js';
import { smallDistrict } from './fixtures.js';

t.test('build sends the request log to the given stream, path without query string, and is silent without one', async (t) => {
  const log = logLines();
  const { app } = await build(t, { logger: log });
  await app.inject({ method: 'GET', url: '/login?next=/secret-next' });
  t.match(log.text(), '"path":"/login"');
  t.notMatch(log.text(), 'secret-next');
  const quiet = await build(t);
  t.equal((await quiet.app.inject({ method: 'GET', url: '/login' })).statusCode, 200);
});

t.test('build applies the seed before the app starts and the config overrides', async (t) => {
  const { app } = await build(t, {
    seed: (repos) => {
      smallDistrict(repos);
      repos.users.create({ username: 'committee', displayName: '政法委张三', password: PASSWORD, role: 'committee', unitId: null });
    },
    config: { https: true },
  });
  const page = await injectAs(app, 'committee');
  const units = await page.get('/units');
  t.equal(units.statusCode, 200);
  t.match(units.body, '东城街道', 'the seeded district is there');
  t.match(String(units.headers['strict-transport-security'] ?? ''), 'max-age', 'the https setting is applied');
});

t.test('injectAs opens the pages of the member\'s own scope only, and its forms carry a valid token', async (t) => {
  const { app, repos } = await build(t, {
    seed: (repos) => {
      const d = smallDistrict(repos);
      repos.users.create({ username: 'township', displayName: '镇综治中心李四', password: PASSWORD, role: 'township', unitId: d.townships[0].id });
    },
  });
  const township = repos.users.getByUsername('township');
  if (!township) throw new Error('fixture');
  const s = await injectAs(app, township);
  const own = await s.get('/units/D01-T1');
  t.equal(own.statusCode, 200);
  t.match(own.body, '镇综治中心李四');
  t.equal((await s.get('/units/D01-T2')).statusCode, 403, 'another township is out of scope');
  const out = await s.post('/logout', {});
  t.equal(out.statusCode, 303, 'the anti-forgery token is accepted');
  t.equal((await s.get('/units')).statusCode, 302, 'and the session was a real one, now ended');
});
