// The half-year sweep says its coverage against the roster with one denominator everywhere: the round page,
// the sweep's bulletin, the phone workstation and the half-year summary (page and Word). Web answers never count; a
// category with fewer completed than the round's minimum sample shows 样本不足.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../kit/app.js';
import type { Repos } from '../../../server/platform/repos.js';
import type { Db } from '../../../server/platform/db.js';
import type { Round } from '../../../server/core/rounds/round.js';
import { fieldWorld, type FieldWorld } from '../../kit/fieldwork.js';
import { openRound } from '../../kit/fixtures.js';
import { SubmissionService, directSink } from '../../../server/features/responses/submissions.js';
import { gradedAnswers, surveyOf } from '../../kit/bulletin.js';
import { docxText } from '../../kit/docx.js';
import { closeRoundById } from '../../../server/features/rounds/rounds-service.js';

function contact(db: Db, gridId: number, category: string): number {
  const n = Number(db.prepare('SELECT COUNT(*) FROM contacts').pluck().get());
  return Number(db.prepare(
    `INSERT INTO contacts (grid_id, phone_enc, phone_hash, phone_masked, category, status, created_at)
     VALUES (?, 'sealed', ?, '139****0000', ?, 'active', '2025-01-01T00:00:00Z')`,
  ).run(gridId, `h${n}`, category).lastInsertRowid);
}

/**
 * Grid 0: 常住居民 ×4, three interviewed, one not reached. Grid 7: 重点人群 ×2, both interviewed (one answers the best,
 * one 一般). Roster 6, completed 5. Plus a resident's web answer in grid 0 for the monthly round.
 */
async function sweepWork(repos: Repos, db: Db, w: FieldWorld, sweep: Round): Promise<void> {
  const service = new SubmissionService(db, repos, directSink(repos));
  const survey = surveyOf(repos, sweep);
  const interview = async (gridId: number, category: string, q1: string) => {
    const contactId = contact(db, gridId, category);
    const answers = { ...gradedAnswers(survey, 'best'), Q1: { kind: 'choice' as const, codes: [q1] } };
    const outcome = await service.submit({ round: sweep, gridId, survey, channel: 'phone', answers, contactId, interviewerId: w.users.grid });
    if (outcome.kind !== 'stored') throw new Error(outcome.kind);
    repos.calls.insertMany([{ roundId: sweep.id, gridId, contactId, interviewerId: w.users.grid, disposition: 'complete' }]);
  };
  const [g0, g7] = [w.district.grids[0].id, w.district.grids[7].id];
  for (const q1 of ['A', 'A', 'B']) await interview(g0, '常住居民', q1);
  repos.calls.insertMany([{ roundId: sweep.id, gridId: g0, contactId: contact(db, g0, '常住居民'), interviewerId: w.users.grid, disposition: 'non_contact' }]);
  for (const q1 of ['A', 'C']) await interview(g7, '重点人群', q1);
  const web = await service.submit({ round: w.round, gridId: g0, survey, channel: 'web', answers: gradedAnswers(survey, 'best') });
  if (web.kind !== 'stored') throw new Error(web.kind);
}

t.test('the sweep\'s coverage reads "x / y 户" on every page and in Word, against the roster', async (t) => {
  let w: FieldWorld | undefined;
  let sweep: Round | undefined;
  const { app } = await build(t, { seed: async (repos, db) => {
    w = fieldWorld(repos);
    sweep = openRound(repos, 'hunan-100', { kind: 'sweep', period: '2025-H1', minSample: 3 });
    await sweepWork(repos, db, w, sweep);
    closeRoundById(repos, w.round.id);
  } });
  if (!w || !sweep) throw new Error('no world');
  const committee = await logIn(app, 'committee', PASSWORD);

  const page = await committee.get(`/rounds/${sweep.code}`);
  t.match(page.body, /id="sweep-headline">已回访 <strong>5 \/ 6 户（83.3%）<\/strong>/, 'the round page');

  const home = await committee.get('/');
  t.match(home.body, '已回访 <strong>5 / 6 户（83.3%）</strong>', 'the home page: coverage, not a quota of 0');

  const bulletin = await committee.get(`/rounds/${sweep.code}/bulletin`);
  t.equal(bulletin.statusCode, 200);
  t.match(bulletin.body, /class="sweep-coverage">5 \/ 6 户（83.3%）</, 'the sweep bulletin');
  t.notMatch(bulletin.body, '份配额', 'not a quota');
  t.notMatch(bulletin.body, '完成/配额', 'the ranking tables count completed interviews, with no quota column');
  t.notMatch(bulletin.body, /\d+\/0</, 'no unit shows "n/0"');
  const bulletinWord = await committee.get(`/rounds/${sweep.code}/bulletin.docx`);
  t.equal(bulletinWord.statusCode, 200);
  const bulletinText = await docxText(bulletinWord.rawPayload);
  t.match(bulletinText, '已回访（按花名册）：5 / 6 户（83.3%）', 'the sweep bulletin in Word');
  t.notMatch(bulletinText, '完成/配额', 'nor in the Word tables');
  t.notMatch(bulletinText, /\d\/0\t/, 'no unit shows "n/0" in Word');

  const summary = await committee.get(`/summary?survey=hunan-100&end=${w.round.period}`);
  t.equal(summary.statusCode, 200);
  t.match(summary.body, '已回访 <strong>5 / 6 户（83.3%）</strong>', 'the summary, web answers not mixed in');
  t.match(summary.body, /<td>常住居民<\/td><td class="num">3 \/ 4 户（75.0%）<\/td><td class="num">3<\/td>/);
  t.match(summary.body, /<td>重点人群<\/td><td class="num">2 \/ 2 户（100.0%）<\/td><td class="num">2<\/td><td class="num"><span class="badge warn">样本不足<\/span><\/td><td class="num">—<\/td>/,
    'two completed, minimum three: no score and no interval');
  t.notMatch(summary.body, /-\d+\.\d+–/, 'no interval below the scale');

  const word = await committee.get(`/summary.docx?survey=hunan-100&end=${w.round.period}`);
  t.equal(word.statusCode, 200);
  const text = await docxText(word.rawPayload);
  t.match(text, '已回访 5 / 6 户（83.3%）', 'the Word summary says the same');
  t.match(text, '按号码类别');
  t.match(text, '重点人群');
  t.match(text, '样本不足');

  const grid = await logIn(app, 'grid', PASSWORD);
  const cati = await grid.get(`/cati/${sweep.code}`);
  t.equal(cati.statusCode, 200);
  t.match(cati.body, /id="sweep-coverage">3 \/ 4 户（75.0%）</, 'the grid worker\'s progress line: their grid\'s roster');
  t.notMatch(cati.body, '/ 配额');
});

t.test('the sweep creation form asks no quota per grid and defaults to phone only', async (t) => {
  const { app } = await build(t, { seed: (repos) => {
    fieldWorld(repos);
  } });
  const committee = await logIn(app, 'committee', PASSWORD);
  const form = await committee.get('/rounds/new?kind=sweep');
  t.equal(form.statusCode, 200);
  t.notMatch(form.body, 'name="quotaPerGrid"');
  t.match(form.body, /<input type="checkbox" name="channels" value="phone" checked>/);
  t.notMatch(form.body, /value="web" checked/);
  t.match(form.body, /<option value="sweep" selected>/);
  t.match((await committee.get('/rounds/new')).body, 'name="quotaPerGrid"', 'the monthly form still asks it');
});
