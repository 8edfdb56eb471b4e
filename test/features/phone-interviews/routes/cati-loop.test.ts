// The phone-interview loop from 下一个号码 to a stored response, and the AAPOR rates the call records give.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { completeAnswers, type Plain } from '../../../kit/resident.js';
import { addContacts, answerFields, catiWorld, chinaLocal, fakeNumber, maskNumber, takeNext, type CatiWorld } from '../../../kit/cati.js';
import { aaporRates } from '../../../../server/core/stats/aapor.js';

t.test('a grid worker draws a number, reveals it, completes the interview; the response and the call are linked', async (t) => {
  let world: CatiWorld | undefined;
  const numbers = [0, 1, 2].map(fakeNumber);
  const { app, repos, db } = await build(t, { seed: (r, d) => {
    world = catiWorld(r);
    addContacts(d, world.myGrid.id, numbers);
  } });
  if (!world) throw new Error('fixture');
  const { round } = world;
  const survey = repos.surveys.getVersion(round.surveyVersionId)?.survey;
  if (!survey) throw new Error('fixture survey');
  const s = await logIn(app, 'grid', PASSWORD);
  const me = repos.users.getByUsername('grid');

  const index = await s.get('/cati');
  t.match(index.body, round.code, 'the phone round is offered');
  const contact = await takeNext(s, round.code);
  if (contact === undefined) throw new Error('no number drawn');
  const number = numbers[contact - 1];

  const screen = await s.get(`/cati/${round.code}/calls/${contact}`);
  t.equal(screen.statusCode, 200);
  t.match(screen.body, maskNumber(number));
  t.notMatch(screen.body, number, 'masked until revealed');
  // the script greets once, so the questionnaire's statement follows without its own 您好.
  t.match(screen.body, survey.intro.replace(/^您好！/, ''), 'the questionnaire\'s opening statement');
  t.match(screen.body, '2025年1月', 'the script names the round\'s period');

  const revealed = await s.post(`/cati/${round.code}/calls/${contact}/reveal`, {});
  t.equal(revealed.statusCode, 200);
  t.match(revealed.body, number);
  t.match(revealed.body, `href="tel:${number}"`);
  t.equal(repos.audit.byAction('cati.reveal', 10).length, 1, 'the reveal is audited');
  t.notMatch(JSON.stringify(repos.audit.byAction('cati.reveal', 10)), number, 'without the number');

  const plain = completeAnswers(survey);
  const [firstMain] = survey.questions.filter((q) => q.required && q.type !== 'text');
  const partial: Plain = { ...plain };
  delete partial[firstMain.id];
  const bad = await s.post(`/cati/${round.code}/calls/${contact}`, { outcome: 'complete', ...answerFields(survey, partial) });
  t.equal(bad.statusCode, 422, 'a missing answer is shown back');
  t.match(bad.body, '处需要修改');
  const kept = Object.entries(partial).find(([id]) => id !== firstMain.id && survey.questions.some((q) => q.id === id && q.type === 'single'));
  if (kept) t.match(bad.body, new RegExp(`name="q_${kept[0]}" value="${String(kept[1])}" checked`), 'answers kept');
  t.equal(db.prepare('SELECT COUNT(*) AS n FROM responses').pluck().get(), 0, 'nothing stored');
  t.equal(db.prepare('SELECT COUNT(*) AS n FROM calls').pluck().get(), 0);

  const done = await s.post(`/cati/${round.code}/calls/${contact}`, { outcome: 'complete', ...answerFields(survey, plain) });
  t.equal(done.statusCode, 303, done.body);
  const response = db.prepare('SELECT id, channel, status, interviewer_id, contact_id, grid_id, started_at FROM responses').get();
  t.match(response, { channel: 'phone', status: 'complete', interviewer_id: me?.id, contact_id: contact, grid_id: world.myGrid.id });
  const call = db.prepare('SELECT * FROM calls').get();
  t.match(call, { response_id: (response as { id: number }).id, outcome: 'complete', disposition: 'complete', interviewer_id: me?.id, contact_id: contact });
  const times = call as { started_at: string; ended_at: string };
  t.ok(times.started_at <= times.ended_at, 'start and end times');

  const page = await s.get(`/cati/${round.code}?recorded=complete`);
  t.match(page.body, '已记录：完成');
  t.match(page.body, /本轮我拨打 \/ 完成<\/th><td class="num">1 次 \/ 1 份/);
  t.match(page.body, /今日我拨打 \/ 完成<\/th><td class="num">1 次 \/ 1 份/);
  t.match(page.body, /1 \/ 配额 5/, 'the grid\'s quota');
});

t.test('outcomes of eight numbers give AAPOR rates equal to hand-computed values', async (t) => {
  let world: CatiWorld | undefined;
  const { app, repos, db } = await build(t, { seed: (r, d) => {
    world = catiWorld(r);
    addContacts(d, world.myGrid.id, Array.from({ length: 8 }, (_, i) => fakeNumber(i)));
  } });
  if (!world) throw new Error('fixture');
  const { round } = world;
  const survey = repos.surveys.getVersion(round.surveyVersionId)?.survey;
  if (!survey) throw new Error('fixture survey');
  const s = await logIn(app, 'grid', PASSWORD);
  const outcomes = ['complete', 'refusal', 'no_answer', 'invalid_number', 'not_eligible', 'busy', 'partial', 'appointment'];
  const drawn = new Set<number>();
  for (const outcome of outcomes) {
    const contact = await takeNext(s, round.code);
    if (contact === undefined) throw new Error(`no number for ${outcome}`);
    drawn.add(contact);
    const form = outcome === 'complete' ? answerFields(survey, completeAnswers(survey)) : outcome === 'appointment' ? { appointment_at: chinaLocal(2) } : {};
    const res = await s.post(`/cati/${round.code}/calls/${contact}`, { outcome, ...form });
    t.equal(res.statusCode, 303, `${outcome}: ${res.body.slice(0, 200)}`);
  }
  t.equal(drawn.size, 8, 'eight different numbers');
  t.equal(await takeNext(s, round.code), undefined, 'nothing due: retries wait an hour, the appointment two');

  const counts = repos.calls.countsByDisposition(round.id);
  t.same(counts, { complete: 1, partial: 1, refusal: 1, non_contact: 1, other: 0, unknown_household: 2, unknown_other: 0, not_eligible: 2 });
  const rates = aaporRates({ I: 1, P: 1, R: 1, NC: 1, O: 0, UH: 2, UO: 0, NE: 2 });
  // By hand: e = 4/6; RR1 = 1/6; RR3 = 1/(4 + 2·4/6) = 3/16; RR5 = 1/4; RR6 = 2/4; COOP1 = 1/3; REF1 = 1/6; CON1 = 3/6.
  t.equal(rates.e, 4 / 6);
  t.equal(rates.RR1, 1 / 6);
  t.equal(rates.RR3, 3 / 16);
  t.equal(rates.RR5, 1 / 4);
  t.equal(rates.RR6, 0.5);
  t.equal(rates.COOP1, 1 / 3);
  t.equal(rates.REF1, 1 / 6);
  t.equal(rates.CON1, 0.5);
  const statuses = db.prepare("SELECT status FROM contacts WHERE status <> 'active'").pluck().all();
  t.same(statuses, ['invalid'], '空号 marks the roster contact');

  const township = await logIn(app, 'township', PASSWORD);
  const overview = await township.get(`/cati/${round.code}`);
  t.match(overview.body, '访问员进度');
  t.match(overview.body, /网格员王五<\/td><td class="num">8<\/td><td class="num">1<\/td><td class="num">8<\/td><td class="num">1<\/td>/);
  const grid = await s.get(`/cati/${round.code}`);
  t.notMatch(grid.body, '访问员进度', 'a grid worker sees only their own progress');
});

t.test('a form the screening ends is stored as screened out, its call as not eligible; bad addresses get Chinese 4xx', async (t) => {
  let world: CatiWorld | undefined;
  const { app, repos, db } = await build(t, { seed: (r, d) => {
    world = catiWorld(r);
    addContacts(d, world.myGrid.id, [fakeNumber(1)]);
  } });
  if (!world) throw new Error('fixture');
  const { round } = world;
  const survey = repos.surveys.getVersion(round.surveyVersionId)?.survey;
  const screen = survey?.screening.find((q) => q.options.some((o) => o.screenOut));
  const out = screen?.options.find((o) => o.screenOut);
  if (!survey || !screen || !out) throw new Error('fixture: the questionnaire screens out');
  const s = await logIn(app, 'grid', PASSWORD);
  const contact = await takeNext(s, round.code);
  const res = await s.post(`/cati/${round.code}/calls/${contact}`, { outcome: 'complete', ...answerFields(survey, { [screen.id]: out.code }) });
  t.equal(res.statusCode, 303, res.body.slice(0, 300));
  t.match(db.prepare('SELECT status, channel FROM responses').get(), { status: 'screened_out', channel: 'phone' });
  t.match(db.prepare('SELECT outcome, disposition, response_id FROM calls').get(), { outcome: 'not_eligible', disposition: 'not_eligible', response_id: 1 });

  const notNumber = await s.get(`/cati/${round.code}/calls/abc`);
  t.equal(notNumber.statusCode, 400);
  const unknownRound = await s.get('/cati/__proto__');
  t.equal(unknownRound.statusCode, 404);
  t.match(unknownRound.body, '找不到该轮民调');
});
