// The server's request log: method and path only, so invite tokens in links and answers in bodies never reach it.
import { Writable } from 'node:stream';
import t from 'tap';
import { buildApp, loggerOptions } from '../../server/app.js';
import { testConfig, testDb } from '../kit/helper.js';

t.test('request lines carry the path without its query string', async (t) => {
  const { db } = testDb(t);
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = { ...(loggerOptions('info') as object), stream };
  const app = await buildApp({ db, config: testConfig(), logger });
  t.teardown(() => app.close());
  await app.ready();
  const res = await app.inject({ method: 'GET', url: '/g/NO-SUCH-GRID?invite=secret-token-123' });
  t.equal(res.statusCode, 404);
  const log = lines.join('');
  t.match(log, '"path":"/g/NO-SUCH-GRID"', 'the path is logged');
  t.notMatch(log, 'secret-token-123', 'the invite token is not');
});
