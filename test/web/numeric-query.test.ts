// Numbers in query strings and paths: a page number, an id, a count shown after a redirect. Whatever a client puts
// there — a number beyond double range (1e309 reads as Infinity), Infinity itself, NaN, a fraction, a negative or an
// integer beyond 2^53 — the answer is 400 with a message (Chinese on pages, JSON under /api), never a 500: `page=1e309`
// once reached SQLite as Infinity and failed with "datatype mismatch".
import t from 'tap';
import { build, injectAs, PASSWORD } from '../kit/app.js';
import { openRound, smallDistrict } from '../kit/fixtures.js';

const HOSTILE_NUMBERS = ['1e309', 'Infinity', '-Infinity', '-1', '1.5', 'NaN', '99999999999999999999', '1e400', '-0.5'];

/** Every GET route with a numeric query or path parameter, the number's place marked by {n}. */
function urls(round: string): string[] {
  return [
    '/receipts?page={n}',
    '/receipts?assigned={n}',
    '/roster?page={n}',
    '/roster?imported={n}',
    '/roster?marked={n}',
    '/audit?page={n}',
    '/audit.csv?page={n}',
    '/admin/users/{n}',
    `/cati/${round}/calls/{n}`,
    '/receipts/{n}',
    `/rounds/${round}/paper/{n}`,
    `/rounds/${round}/callbacks/{n}`,
  ];
}

t.test('every numeric query or path parameter takes only a finite integer within its range', async (t) => {
  const { app } = await build(t, {
    seed: (repos) => {
      smallDistrict(repos);
      openRound(repos);
      repos.users.create({ username: 'admin', displayName: '管理员', password: PASSWORD, role: 'admin', unitId: null });
      repos.users.create({ username: 'committee', displayName: '政法委张三', password: PASSWORD, role: 'committee', unitId: null });
    },
  });
  const round = app.repos.rounds.list()[0].code;
  const admin = await injectAs(app, 'admin');
  const committee = await injectAs(app, 'committee');
  for (const url of urls(round)) {
    const as = url.startsWith('/admin') || url.startsWith('/audit') ? admin : committee;
    for (const n of HOSTILE_NUMBERS) {
      const res = await as.get(url.replace('{n}', encodeURIComponent(n)));
      t.equal(res.statusCode, 400, `${url} with ${n}: 400`);
      t.match(res.body, /[\u4e00-\u9fff]/, `${url} with ${n}: a Chinese message`);
    }
    // The same route with an ordinary number is not refused by its schema.
    const ok = await as.get(url.replace('{n}', '1'));
    t.not(ok.statusCode, 400, `${url} with 1 passes the schema`);
    t.ok(ok.statusCode < 500, `${url} with 1: no 500`);
  }
});
