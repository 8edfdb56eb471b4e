// Every staff page rendered in answer to a form post (a check message, the revealed number, the next paper
// questionnaire, the receipt after 查看号码) carries the anti-forgery token and the navigation: a person clicks the page
// the server sent back, and its next form must not be refused as "页面已过期". The routes come from the router, so a new
// staff form is covered without an entry here; the bodies below only make a route answer with a page.
import t, { type Test } from 'tap';
import { build, sessionCookie } from '../kit/app.js';
import { openRound, smallDistrict } from '../kit/fixtures.js';
import { addContacts, fakeNumber } from '../kit/cati.js';
import { csrfJar, listRoutes, send } from '../kit/auth-matrix.js';
import type { Repos } from '../../server/platform/repos.js';
import type { Db } from '../../server/platform/db.js';

const GRID = 'D01-T1-V1-G1';

interface Ids {
  round: string;
  admin: number;
  target: number;
  receipt: number;
  contactReceipt: number;
  contact: number;
}

function world(repos: Repos, db: Db): Ids {
  smallDistrict(repos);
  const round = openRound(repos, 'hunan-100', { channels: ['web', 'phone', 'paper'], quotaPerGrid: 5 });
  const grid = repos.units.getByCode(GRID);
  const survey = repos.surveys.latest('hunan-100')?.survey;
  if (!grid || !survey) throw new Error('fixture');
  const admin = repos.users.create({ username: 'admin', displayName: '管理员', password: 'post pages 123', role: 'admin', unitId: null }).id;
  const target = repos.users.create({ username: 'target', displayName: '网格员', password: 'post pages 123', role: 'grid', unitId: grid.id }).id;
  const receipt = repos.receipts.create({ roundId: round.id, gridId: grid.id, responseId: null, source: 'staff', questionId: null, body: '路灯坏了' });
  repos.receipts.assign(receipt, { userId: null, unitId: grid.id });
  const stored = repos.responses.insert({
    roundId: round.id, gridId: grid.id, channel: 'web', status: 'complete', answers: {}, survey,
    replyContact: { digits: '13812345678', masked: '138****5678' },
  });
  if (!stored.ok) throw new Error('fixture');
  const contactReceipt = repos.receipts.create({ roundId: round.id, gridId: grid.id, responseId: stored.id, source: 'suggestion', questionId: null, body: '噪音' });
  repos.receipts.assign(contactReceipt, { userId: null, unitId: grid.id });
  const [contact] = addContacts(db, grid.id, [fakeNumber(1)]);
  return { round: round.code, admin, target, receipt, contactReceipt, contact };
}

/** The app on the fixture's database, the fixture's ids and an anti-forgery token with its cookie. */
async function staffWorld(t: Test) {
  let ids: Ids | undefined;
  const { app } = await build(t, { seed: (repos, db) => {
    ids = world(repos, db);
  } });
  if (!ids) throw new Error('fixture');
  return { app, ids, jar: await csrfJar(app) };
}

/** The route's path with its parameters filled from the fixture. */
function urlFor(pattern: string, ids: Ids): string {
  const id = pattern.startsWith('/admin/users') ? ids.target : pattern.endsWith('/contact') ? ids.contactReceipt : ids.receipt;
  return pattern
    .replace(':code', ids.round)
    .replace(':round', ids.round)
    .replace(':gridCode', GRID)
    .replace(':contact', String(ids.contact))
    .replace(':id', String(id));
}

/** Bodies that the route's schema accepts but its rules refuse, so that it answers with its page and a message. */
const BODIES: Record<string, Record<string, string>> = {
  '/account/password': { current: 'wrong', password: 'x', confirm: 'y' },
  '/admin/users': { username: '', displayName: '', role: 'grid', unit: '' },
  '/rounds': { surveyVersionId: '0', period: 'bad' },
  '/roster/import': { csv: 'phone,grid\n123,NOPE' },
  '/receipts/:id/answer': { action: '', reply: '', method: 'phone' },
  '/cati/:code/calls/:contact': { outcome: 'appointment', appointment: '' },
  '/rounds/:code/paper': { grid: GRID },
  '/forecast/settings': { survey: '', sampleSize: 'x', window: '1' },
  '/forecast/peers': { name: '', score: 'x' },
  '/admin/documents': { issuingBody: '', numberPrefix: '' },
};

/** Routes known to answer a refused form with their own page: the test fails if one of them stops rendering one. */
const MUST_RENDER = ['/cati/:code/calls/:contact/reveal', '/cati/:code/calls/:contact', '/rounds/:code/paper', '/receipts/:id/contact', '/account/password'];

const SKIP = (url: string) => url.startsWith('/api/') || url.startsWith('/g/') || url === '/login' || url === '/logout';

t.test('every staff page rendered in answer to a post carries the anti-forgery token and the navigation', async (t) => {
  const { app, ids, jar } = await staffWorld(t);
  const session = sessionCookie(app, ids.admin);
  // The grid's number is claimed (下一个号码) as a grid worker would before revealing it.
  const next = await send(app, jar, session, { method: 'POST', url: `/cati/${ids.round}/next` });
  t.equal(next.statusCode, 303, 'the next number is handed out');
  const rendered: string[] = [];
  const posts = listRoutes(app).filter((r) => r.method === 'POST' && !SKIP(r.url));
  t.ok(posts.length >= 30, `${posts.length} staff form routes`);
  for (const route of posts) {
    const res = await send(app, jar, sessionCookie(app, ids.admin), { method: 'POST', url: urlFor(route.url, ids), body: BODIES[route.url] });
    const isPage = res.statusCode < 300 || res.statusCode >= 400;
    if (!isPage || !String(res.headers['content-type']).startsWith('text/html')) continue;
    rendered.push(route.url);
    const token = /<input type="hidden" name="_csrf" value="([^"]*)"/.exec(res.body)?.[1] ?? '';
    t.ok(token.length > 0, `POST ${route.url} (${res.statusCode}): the page's forms carry a token`);
    t.match(res.body, '<nav aria-label="主导航">', `POST ${route.url} (${res.statusCode}): the page has the navigation`);
    t.notMatch(res.body, /name="_csrf" value=""/, `POST ${route.url}: no form with an empty token`);
  }
  for (const url of MUST_RENDER) t.ok(rendered.includes(url), `POST ${url} answered with a page`);
  t.comment(`pages rendered by: ${rendered.join(', ')}`);
});

t.test('a stale form is "页面已过期" without the hint to ask for a wider scope; a scope refusal keeps the hint', async (t) => {
  const { app, ids, jar } = await staffWorld(t);
  const grid = sessionCookie(app, ids.target);
  const stale = await send(app, { ...jar, token: 'stale-token' }, grid, { method: 'POST', url: `/receipts/${ids.receipt}/answer`, body: { action: '已处理', reply: '已答复', method: 'phone' } });
  t.equal(stale.statusCode, 403);
  t.match(stale.body, '页面已过期，请刷新后重试');
  t.notMatch(stale.body, '调整账号范围', 'a stale page is not a question of scope');
  const refused = await send(app, jar, grid, { method: 'GET', url: '/audit' });
  t.equal(refused.statusCode, 403);
  t.match(refused.body, '调整账号范围', 'a page outside the account\'s role still says whom to ask');
});

/** Field names the staff forms use, each filled with what an attacker or a stuck key would send. */
const FIELDS = [
  'reason', 'action', 'reply', 'method', 'outcome', 'appointment', 'csv', 'grid', 'share', 'questions', 'to', 'confirm',
  'mode', 'dueAt', 'due', 'days', 'assignee', 'q', 'name', 'phone', 'number', 'score', 'window', 'sampleSize', 'survey',
  'period', 'kind', 'channels', 'units', 'username', 'displayName', 'role', 'unit', 'password', 'current', 'status',
  'receipts', 'held', 'ids', 'issuingBody', 'numberPrefix', 'label', 'scope', 'workerName', 'workerPhone', 'answers',
];
const HOSTILE_PARAMS = ['__proto__', '-1', '99999999999999999999', `${'A'.repeat(300)}`];

function hostileBodies(): Array<Record<string, string>> {
  const long = Object.fromEntries(FIELDS.map((f) => [f, '长'.repeat(10_000)]));
  const protoNames = Object.fromEntries(FIELDS.map((f) => [f, '__proto__']));
  // Object.fromEntries makes __proto__ an own field of the body (a literal would set the prototype instead).
  return [long, protoNames, Object.fromEntries([['__proto__', 'x'], ['constructor', 'y'], ['prototype', 'z']])];
}

t.test('every staff form refuses hostile parameters and fields with a 4xx or its page, never a 5xx', async (t) => {
  const { app, ids, jar } = await staffWorld(t);
  const posts = listRoutes(app).filter((r) => r.method === 'POST' && !SKIP(r.url));
  let requests = 0;
  for (const route of posts) {
    const urls = [urlFor(route.url, ids), ...(route.url.includes(':') ? HOSTILE_PARAMS.map((p) => route.url.replace(/:[a-zA-Z]+/g, encodeURIComponent(p))) : [])];
    for (const url of urls) {
      for (const body of hostileBodies()) {
        const res = await send(app, jar, sessionCookie(app, ids.admin), { method: 'POST', url, body });
        requests++;
        if (res.statusCode >= 500) t.fail(`POST ${url.slice(0, 80)} with ${Object.keys(body)[0]}…: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
  }
  t.ok(requests > 150, `${requests} hostile form posts, none answered with a 5xx`);
});
