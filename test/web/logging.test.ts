// The server's request log: method and path only, so invite tokens in links and answers in bodies never reach it.
import t from 'tap';
import { build, logLines } from '../kit/app.js';

t.test('request lines carry the path without its query string', async (t) => {
  const log = logLines();
  const { app } = await build(t, { logger: log });
  const res = await app.inject({ method: 'GET', url: '/g/NO-SUCH-GRID?invite=secret-token-123' });
  t.equal(res.statusCode, 404);
  t.match(log.text(), '"path":"/g/NO-SUCH-GRID"', 'the path is logged');
  t.notMatch(log.text(), 'secret-token-123', 'the invite token is not');
});
