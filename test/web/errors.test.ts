import t from 'tap';
import { build } from '../kit/app.js';

t.test('an unknown page answers 404 with a Chinese message', async (t) => {
  const { app } = await build(t);
  const res = await app.inject({ method: 'GET', url: '/no-such-page' });
  t.equal(res.statusCode, 404);
  t.match(res.headers['content-type'], /text\/html/);
  t.match(res.body, '找不到该页面');
});

t.test('an unknown API path answers 404 as JSON', async (t) => {
  const { app } = await build(t);
  const res = await app.inject({ method: 'GET', url: '/api/nothing-here' });
  t.equal(res.statusCode, 404);
  t.equal(res.json().message, '找不到该页面');
});
