// The demo a fresh database starts with: the district, the logins, six closed monthly rounds and the current one
// open, resident links that work at once — seeded quickly, deterministically, and only once.
import t from 'tap';
import { build } from '../kit/app.js';
import { demoReminder, seedDemoIfEmpty, DEMO_PASSWORD } from '../../server/demo/seed.js';
import { verifyLogin } from '../../server/features/accounts/accounts-service.js';

const NOW = new Date('2026-11-22T10:00:00+08:00');

t.test('a new database gets the demo; a second call does nothing', async (t) => {
  const lines: string[] = [];
  let seconds = 0;
  let summary: string[] = [];
  const { app, db, repos } = await build(t, { seed: async (_repos, db) => {
    const started = Date.now();
    const result = await seedDemoIfEmpty(db, { log: (line) => lines.push(line), now: NOW });
    seconds = (Date.now() - started) / 1000;
    summary = result?.summary('http://demo.test') ?? [];
  } });
  // How long it takes is printed, not asserted: timing targets belong in bench/, not in tests on a shared machine.
  t.comment(`seeded in ${seconds.toFixed(1)} s`);
  t.ok(lines.some((l) => l.includes('2026-05')) && lines.some((l) => l.includes('用时')), 'progress is printed');

  const district = repos.units.getByCode('QH');
  t.equal(district?.name, '清河区');
  const grids = district ? repos.units.descendants(district.id, 'grid') : [];
  t.ok(grids.length >= 170 && grids.length <= 230, `${grids.length} grids`);
  t.ok(grids.every((g) => /^QH0[1-6]-\d{2}-\d{2}$/.test(g.code)), 'grid codes like QH01-01-01');

  const rounds = repos.rounds.list();
  t.same(
    rounds.map((r) => [r.period, r.state]),
    [['2026-11', 'open'], ['2026-10', 'closed'], ['2026-09', 'closed'], ['2026-08', 'closed'], ['2026-07', 'closed'], ['2026-06', 'closed'], ['2026-05', 'closed']],
  );
  t.ok(rounds.every((r) => r.surveyKey === 'hunan-100'));

  for (const round of rounds.filter((r) => r.state === 'closed')) {
    const counts = [...repos.responses.countByGrid(round.id).values()];
    const complete = counts.reduce((s, c) => s + c.complete, 0);
    t.ok(complete >= grids.length * 11 && complete <= grids.length * 16, `${round.period}: ${complete} completes (quota 12 per grid)`);
    const short = counts.filter((c) => c.complete < round.minSample).length;
    t.ok(short >= 1 && short <= grids.length * 0.12, `${round.period}: ${short} grids under the minimum (样本不足)`);
    const receipts = [...repos.receipts.countsByGrid(round.id).values()];
    // Problems only: praise, empty texts and duplicates (无需处理) need no reply.
    const total = receipts.reduce((s, c) => s + c.total - c.dismissed, 0);
    const answered = receipts.reduce((s, c) => s + c.answered + c.closed, 0);
    t.ok(total > 0 && answered / total > 0.55 && answered / total < 0.85, `${round.period}: ${answered}/${total} receipts answered`);
    for (const state of ['open', 'assigned', 'answered', 'closed', 'dismissed'] as const) {
      t.ok(receipts.some((c) => c[state] > 0), `${round.period}: some receipts ${state}`);
    }
    const calls = repos.calls.countsByDisposition(round.id);
    t.ok(calls.complete > 0 && calls.refusal > 0 && calls.unknown_household > 0, `${round.period}: call dispositions`);
  }
  const open = rounds[0];
  const openComplete = [...repos.responses.countByGrid(open.id).values()].reduce((s, c) => s + c.complete, 0);
  t.ok(openComplete > grids.length * 2 && openComplete < grids.length * 8, `the open round is partly done: ${openComplete}`);

  // The bulletin has stories: the district's composite differs between months.
  const auth = { authorization: `Bearer ${repos.apiTokens.issue({ name: '测试', unitId: null, createdBy: null }).secret}` };
  const results = await Promise.all(['2026-05', '2026-10'].map((p) => app.inject({ url: `/api/rounds/${p}-hunan-100/results?unit=QH`, headers: auth })));
  for (const r of results) t.equal(r.statusCode, 200, r.body.slice(0, 300));
  const composites = results.map((r) => r.json<{ unit: { composite: { value: number } } }>().unit.composite.value);
  t.ok(composites.every((c) => c > 70 && c < 95), `district composite ${composites.map((c) => c.toFixed(2)).join(', ')}`);

  for (const username of ['admin', 'weifa', 'xiangzhen', 'wanggeyuan']) {
    t.equal((await verifyLogin(repos, username, DEMO_PASSWORD))?.username, username, `${username} logs in with the demo password`);
  }
  t.equal(await verifyLogin(repos, 'admin', 'wrong'), undefined);
  t.equal(repos.users.getByUsername('weifa')?.role, 'committee');
  t.equal(repos.users.getByUsername('xiangzhen')?.role, 'township');
  const gridUser = repos.users.getByUsername('wanggeyuan');
  t.equal(gridUser?.role, 'grid');
  t.equal(repos.units.getById(gridUser?.unitId ?? -1)?.level, 'grid');

  t.ok(summary.some((l) => l.includes('http://demo.test/login')), 'summary names the login page');
  t.ok(summary.some((l) => l.includes(DEMO_PASSWORD)), 'summary gives the demo password');
  for (const [username, role] of [['admin', '管理员'], ['weifa', '政法委'], ['xiangzhen', '乡镇'], ['wanggeyuan', '网格员']]) {
    t.ok(summary.some((l) => l.includes(username) && l.includes(role)), `summary lists ${username} as ${role}`);
  }
  const links = summary.flatMap((l) => /http:\/\/demo\.test\/g\/(\S+)/.exec(l)?.[1] ?? []);
  t.equal(links.length, 3, 'three resident links');
  for (const code of links) {
    const grid = repos.units.getByCode(code);
    t.equal(grid?.level, 'grid', `${code} is a grid`);
    t.equal(repos.rounds.openRoundForGrid(grid?.id ?? -1)?.id, open.id, `${code} has the open round`);
    const page = await app.inject({ url: `/g/${code}` });
    t.equal(page.statusCode, 200, `/g/${code} opens the form`);
    t.match(page.body, '平安建设');
  }

  const responses = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM responses').get()?.n;
  t.equal(await seedDemoIfEmpty(db, { log: (line) => lines.push(line), now: NOW }), undefined, 'second call does nothing');
  // A later start reminds whoever runs it how to sign in, as long as the demo passwords are unchanged.
  const reminder = await demoReminder(db, 'http://demo.test');
  t.match(reminder[0], 'http://demo.test/login');
  t.same(reminder.slice(1).map((l) => l.trim().split(/\s+/)[0]), ['admin', 'weifa', 'xiangzhen', 'wanggeyuan']);
  const admin = repos.users.getByUsername('admin');
  if (admin) repos.users.setPassword(admin.id, 'a-real-password-now');
  t.same((await demoReminder(db, 'http://demo.test')).slice(1).map((l) => l.trim().split(/\s+/)[0]), ['weifa', 'xiangzhen', 'wanggeyuan'], 'a changed password is not shown');
  t.equal(repos.rounds.list().length, 7);
  t.equal(db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM responses').get()?.n, responses);
});

t.test('seeding is deterministic', async (t) => {
  const { testDb } = await import('../kit/app.js');
  const a = testDb(t);
  const b = testDb(t);
  await seedDemoIfEmpty(a.db, { log: () => {}, now: NOW });
  await seedDemoIfEmpty(b.db, { log: () => {}, now: NOW });
  const fingerprint = (db: typeof a.db) =>
    db.prepare('SELECT r.grid_id, a.question_id, a.option_code, a.text_value FROM answers a JOIN responses r ON r.id = a.response_id ORDER BY a.rowid').all().map((r) => JSON.stringify(r)).join('\n');
  t.ok(fingerprint(a.db) === fingerprint(b.db), 'the same answers in both databases');
});

t.test('early in January the six closed months are those of the previous half-year', async (t) => {
  const { testDb } = await import('../kit/app.js');
  const { repos, db } = testDb(t);
  await seedDemoIfEmpty(db, { log: () => {}, now: new Date('2027-01-01T09:00:00+08:00') });
  const rounds = repos.rounds.list();
  t.same(rounds.map((r) => [r.period, r.state]), [
    ['2027-01', 'open'], ['2026-12', 'closed'], ['2026-11', 'closed'], ['2026-10', 'closed'], ['2026-09', 'closed'], ['2026-08', 'closed'], ['2026-07', 'closed'],
  ]);
  const open = [...repos.responses.countByGrid(rounds[0].id).values()].reduce((s, c) => s + c.complete + c.screenedOut, 0);
  t.ok(open > 0, `on the first morning of the month the open round already has a few responses (${open})`);
});

t.test('the demo roster: fictional numbers, and every demo call dials a roster contact of its own', async (t) => {
  const { testDb } = await import('../kit/app.js');
  const { repos, db, dir } = testDb(t);
  const started = Date.now();
  await seedDemoIfEmpty(db, { log: () => {}, now: NOW });
  t.comment(`seeded with the roster in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const grids = repos.units.descendants(repos.units.roots()[0].id, 'grid').map((g) => g.id);
  const contacts = repos.contacts.list({ gridIds: grids }, 100_000, 0);
  t.equal(contacts.length, grids.length * 100, '100 contacts per grid');
  t.ok(contacts.every((c) => /^199\*{4}\d{4}$/.test(c.masked)), 'all in the fictional 199 99xx block, masked');
  t.match(repos.contacts.reveal(contacts[0].id)?.phone ?? '', /^19999\d{6}$/);
  t.same(new Set(repos.contacts.countsByCategory({ gridIds: grids }).map((c) => c.category)), new Set(['常住居民', '流动人口', '企业', '学校', '重点人群']));

  const perRound = db.prepare<[], { round_id: number; calls: number; without: number; distinct_contacts: number }>(
    `SELECT round_id, COUNT(*) AS calls, SUM(contact_id IS NULL) AS without, COUNT(DISTINCT contact_id) AS distinct_contacts
     FROM calls GROUP BY round_id`,
  ).all();
  t.equal(perRound.length, 7);
  for (const r of perRound) {
    t.equal(r.without, 0, `round ${r.round_id}: every call has a contact`);
    t.equal(r.distinct_contacts, r.calls, `round ${r.round_id}: one call per contact, so each call is its own AAPOR case`);
  }
  const outside = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM calls c JOIN contacts k ON k.id = c.contact_id WHERE k.grid_id <> c.grid_id').get()?.n;
  t.equal(outside, 0, 'calls dial contacts of their own grid');

  const { clearTextHits } = await import('../kit/roster.js');
  const sample = contacts.filter((_, i) => i % 300 === 0).map((c) => repos.contacts.reveal(c.id)?.phone ?? '');
  t.same(clearTextHits(dir, sample), [], 'sampled demo numbers are not in the database files in clear');
});
