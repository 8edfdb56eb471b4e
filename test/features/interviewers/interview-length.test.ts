// A phone interview's length on the interviewers page is its call's (docs/statistics.md#interviewers): the interview
// made on the phone workstation records when the number was given to the interviewer and when the outcome was saved,
// and the page's median is that span; calls stored in bulk (the demo's simulated rounds) carry their start and end too.
import t from 'tap';
import { build, injectAs, logIn, PASSWORD, testDb } from '../../kit/app.js';
import { completeAnswers } from '../../kit/resident.js';
import { addContacts, answerFields, catiWorld, fakeNumber, takeNext, type CatiWorld } from '../../kit/cati.js';
import { openRound, smallDistrict } from '../../kit/fixtures.js';
import { simulateRound } from '../../../server/demo/simulate-round.js';

/** The cells of the interviewers page's row for this name. */
function rowCells(html: string, name: string): string[] {
  const row = new RegExp(`<tr(?: class="flagged")?>\\s*<td>${name}</td>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
  return [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
}

t.test('an interview on the phone workstation: the page shows the call from the number given to the outcome saved', async (t) => {
  let world: CatiWorld | undefined;
  const { app, repos, db } = await build(t, { seed: (r, d) => {
    world = catiWorld(r);
    addContacts(d, world.myGrid.id, [fakeNumber(0)]);
  } });
  if (!world) throw new Error('fixture');
  const { round } = world;
  const survey = repos.surveys.getVersion(round.surveyVersionId)?.survey;
  if (!survey) throw new Error('fixture survey');
  const s = await logIn(app, 'grid', PASSWORD);
  const contact = await takeNext(s, round.code);
  if (contact === undefined) throw new Error('no number drawn');
  // The interviewer has been on this call for seven minutes: the number was given to them seven minutes ago.
  const claimedAt = new Date(Date.now() - 7 * 60_000).toISOString();
  db.prepare('UPDATE call_claims SET claimed_at = ? WHERE contact_id = ?').run(claimedAt, contact);
  const done = await s.post(`/cati/${round.code}/calls/${contact}`, { outcome: 'complete', ...answerFields(survey, completeAnswers(survey)) });
  t.equal(done.statusCode, 303, done.body);

  const call = db.prepare<[], { started_at: string | null; ended_at: string | null }>("SELECT started_at, ended_at FROM calls WHERE outcome = 'complete'").get();
  t.equal(call?.started_at, claimedAt, 'the call starts when the number was given');
  const minutes = (Date.parse(call?.ended_at ?? '') - Date.parse(claimedAt)) / 60_000;
  t.ok(minutes >= 7 && minutes < 7.05, `the call ends when the interview was saved (${minutes} minutes)`);

  const committee = await injectAs(app, 'committee');
  const page = await committee.get(`/rounds/${round.code}/interviewers`);
  t.equal(page.statusCode, 200);
  const cells = rowCells(page.body, '网格员王五');
  t.equal(cells[0], '1（1/0）', 'one phone interview');
  t.equal(cells[8], '7.0', 'the median phone interview length is the call\u2019s seven minutes');
});

t.test('the demo\u2019s phone calls last as long as the interviews they produced', async (t) => {
  const { db, repos } = testDb(t);
  smallDistrict(repos);
  const round = openRound(repos, 'hunan-100', { channels: ['web', 'phone'] });
  simulateRound(repos, round, { seed: 5, now: new Date('2025-03-20T12:00:00+08:00') });
  const rows = db.prepare<[], { started: string | null; ended: string | null; r_started: string | null; r_created: string }>(
    `SELECT c.started_at AS started, c.ended_at AS ended, r.started_at AS r_started, r.created_at AS r_created
     FROM calls c JOIN responses r ON r.id = c.response_id WHERE r.status = 'complete'`,
  ).all();
  t.ok(rows.length > 10, `${rows.length} completed phone interviews`);
  t.ok(rows.every((r) => r.started !== null && r.started === r.r_started && r.ended === r.r_created), 'each call from the interview\u2019s start to its save');
});
