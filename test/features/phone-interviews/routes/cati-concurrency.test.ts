// Two interviewers asking for the next number at the same instant never get the same number: many requests at once
// through the app, and two processes drawing from one database file.
import t from 'tap';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { addContacts, catiWorld, drawnContact, fakeNumber, type CatiWorld } from '../../../kit/cati.js';

// Below the login form's limit of 10 a minute from one address (every injected request comes from 127.0.0.1).
const WORKERS = 8;

t.test('eight interviewers pressing 下一个号码 at once get eight different numbers', async (t) => {
  let world: CatiWorld | undefined;
  const { app, repos, db } = await build(t, { seed: (r, d) => {
    world = catiWorld(r);
    for (let i = 0; i < WORKERS; i++) {
      r.users.create({ username: `w${i}`, displayName: `访问员${i}`, password: PASSWORD, role: 'grid', unitId: world.myGrid.id });
    }
    addContacts(d, world.myGrid.id, Array.from({ length: 30 }, (_, i) => fakeNumber(i)));
  } });
  if (!world) throw new Error('fixture');
  const code = world.round.code;
  const sessions = await Promise.all(Array.from({ length: WORKERS }, (_, i) => logIn(app, `w${i}`, PASSWORD)));
  await Promise.all(sessions.map((s) => s.get(`/cati/${code}`)));
  const replies = await Promise.all(sessions.map((s) => s.post(`/cati/${code}/next`, {})));
  const drawn = replies.map((r) => drawnContact(r.headers.location));
  t.ok(drawn.every((c) => c !== undefined), 'everyone got a number');
  t.equal(new Set(drawn).size, WORKERS, 'no number twice');
  t.equal(db.prepare('SELECT COUNT(*) FROM call_claims').pluck().get(), WORKERS);

  // One interviewer double-clicking gets the number they hold, not a second one.
  const me = sessions[0];
  const again = await Promise.all([0, 1, 2, 3].map(() => me.post(`/cati/${code}/next`, {})));
  t.same(new Set(again.map((r) => drawnContact(r.headers.location))), new Set([drawn[0]]));
  t.equal(db.prepare('SELECT COUNT(*) FROM call_claims').pluck().get(), WORKERS);
  t.ok(repos.cati.heldBy(world.round.id, repos.users.getByUsername('w0')?.id ?? 0, new Date()));
});

function drawInChild(file: string, roundId: number, gridIds: number[], interviewers: number[]) {
  const loader = process.execArgv.filter((a) => a.includes('@tapjs/typescript'));
  const child = spawn(process.execPath, [...loader, join(import.meta.dirname, '../../../kit/cati-draw-child.ts'), file, String(roundId), gridIds.join(','), interviewers.join(',')], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const ready = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith('ready\n')) resolve();
    });
  });
  const done = new Promise<number[]>((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`child exited with ${code}`));
      const line = out.split('\n').filter(Boolean).pop() ?? '[]';
      resolve(JSON.parse(line) as number[]);
    });
  });
  return { child, ready, done };
}

t.test('two processes drawing from one database at the same instant never hand out one number twice', async (t) => {
  let world: CatiWorld | undefined;
  const { repos, db, dir } = await build(t, { seed: (r, d) => {
    world = catiWorld(r);
    for (let i = 0; i < 80; i++) r.users.create({ username: `p${i}`, displayName: `访问员${i}`, password: PASSWORD, role: 'grid', unitId: world.myGrid.id });
    addContacts(d, world.myGrid.id, Array.from({ length: 100 }, (_, i) => fakeNumber(i)));
  } });
  if (!world) throw new Error('fixture');
  const ids = Array.from({ length: 80 }, (_, i) => repos.users.getByUsername(`p${i}`)?.id ?? 0);
  const file = join(dir, 'test.db');
  const grids = [world.myGrid.id];
  const a = drawInChild(file, world.round.id, grids, ids.slice(0, 40));
  const b = drawInChild(file, world.round.id, grids, ids.slice(40));
  await Promise.all([a.ready, b.ready]);
  a.child.stdin.end('go\n');
  b.child.stdin.end('go\n');
  const [fromA, fromB] = await Promise.all([a.done, b.done]);
  t.equal(fromA.length, 40);
  t.equal(fromB.length, 40);
  t.equal(new Set([...fromA, ...fromB]).size, 80, 'eighty different numbers');
  t.equal(db.prepare('SELECT COUNT(*) FROM call_claims').pluck().get(), 80);
});
