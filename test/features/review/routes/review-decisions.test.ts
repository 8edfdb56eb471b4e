// The review queue as the committee judges it: answers as the form printed them and why each was held,
// 剔除 only through a confirmation, decisions reversed while the round is open (audited, counts and results moving),
// and reject entries in the audit log naming the answer as accept entries do.
import t from 'tap';
import { pollApp } from '../../../kit/resident-poll.js';
import { count } from '../../../kit/resident.js';
import { logIn, PASSWORD } from '../../../kit/app.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';
import { questionNumbers } from '../../../../server/core/survey/numbering.js';
import { addCommittee, holdResponses } from '../../../kit/review.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';

async function world(t: Parameters<typeof pollApp>[0], n = 3) {
  let ids: number[] = [];
  const built = await pollApp(t, (repos, poll) => {
    addCommittee(repos);
    ids = holdResponses(repos, poll, n);
  });
  const committee = await logIn(built.app, 'committee', PASSWORD);
  return { ...built, ids, committee, url: `/rounds/${built.poll.round.code}/review` };
}

t.test('answers are shown with the printed question number, short name and option label; why each was held', async (t) => {
  const { poll, committee, url } = await world(t, 1);
  const page = await committee.get(url);
  const q1 = poll.survey.questions.find((q) => q.id === 'Q1');
  const number = questionNumbers(poll.survey).get('Q1');
  const best = q1?.options.find((o) => o.score === 100)?.label ?? '';
  t.match(page.body, new RegExp(`<span class="q">第 ${number} 题 [^<]+</span>：${best}</li>`), 'the printed number, short name and option label');
  t.notMatch(page.body, /Q1=|Q2=/, 'no raw codes');
  t.match(page.body, '同一网络一小时内向本网格提交超过 10 份', 'the reason with the threshold it crossed');
  t.match(page.body, '相同答案集中出现');
});

t.test('剔除 goes through a confirmation; without the tick nothing is rejected', async (t) => {
  const { db, committee, url, ids, repos, poll } = await world(t);
  const list = await committee.get(url);
  t.notMatch(list.body, new RegExp(`action="${url}/${ids[0]}/reject"`), 'no one-click reject form on the list');
  t.match(list.body, `href="${url}/${ids[0]}/reject"`);
  const confirm = await committee.get(`${url}/${ids[0]}/reject`);
  t.equal(confirm.statusCode, 200);
  t.match(confirm.body, '我已核实，确认剔除');
  t.match(confirm.body, 'name="confirm" value="1" required');
  const unticked = await committee.post(`${url}/${ids[0]}/reject`, {});
  t.equal(unticked.statusCode, 422);
  t.match(unticked.body, '请勾选“我已核实，确认剔除”后再提交');
  t.equal(repos.review.counts(poll.round.id).rejected, 0);
  t.equal((await committee.post(`${url}/${ids[0]}/reject`, { confirm: '1' })).statusCode, 303);
  t.equal(repos.review.counts(poll.round.id).rejected, 1);
  const gridConfirm = await committee.get(`${url}/grid/${poll.gridCode}/reject`);
  t.match(gridConfirm.body, '现有待核查答卷 <strong>2</strong> 份');
  t.equal((await committee.post(`${url}/grid/${poll.gridCode}/reject`, {})).statusCode, 422, 'the whole grid too');
  t.equal(count(db, 'held_responses', "review = 'held'"), 2);
});

t.test('a decision is reversed both ways while the round is open; counts, results, receipts and the audit follow', async (t) => {
  const { db, committee, url, ids, repos, poll } = await world(t);
  const n0 = getRoundResults(repos, poll.round).units[poll.gridCode]?.n ?? 0;
  await committee.post(`${url}/${ids[0]}/accept`, {});
  await committee.post(`${url}/${ids[1]}/reject`, { confirm: '1' });
  t.equal(getRoundResults(repos, poll.round).units[poll.gridCode].n, n0 + 1);
  t.equal(count(db, 'receipts'), 1, 'the accepted suggestion opened a receipt');

  const page = await committee.get(url);
  t.match(page.body, '改为剔除');
  t.match(page.body, '改为采纳');
  const confirm = await committee.get(`${url}/${ids[0]}/reject`);
  t.match(confirm.body, '这份答卷已采纳并计入结果');
  t.equal((await committee.post(`${url}/${ids[0]}/reverse`, { to: 'rejected' })).statusCode, 422, 'confirmed like any 剔除');
  t.equal((await committee.post(`${url}/${ids[0]}/reverse`, { to: 'rejected', confirm: '1' })).statusCode, 303);
  t.same(repos.review.counts(poll.round.id), { held: 1, accepted: 0, rejected: 2 });
  t.equal(getRoundResults(repos, poll.round).units[poll.gridCode]?.n ?? 0, n0, 'no longer counted');
  t.equal(count(db, 'responses'), 0);
  t.equal(count(db, 'receipts'), 0, 'its untouched receipt withdrawn');

  t.equal((await committee.post(`${url}/${ids[1]}/reverse`, { to: 'accepted' })).statusCode, 303);
  t.same(repos.review.counts(poll.round.id), { held: 1, accepted: 1, rejected: 1 });
  t.equal(getRoundResults(repos, poll.round).units[poll.gridCode].n, n0 + 1, 'counted now');
  const stale = await committee.post(`${url}/${ids[1]}/reverse`, { to: 'accepted' });
  t.equal(stale.statusCode, 409, 'a page showing the old state cannot flip it again');

  const audit = repos.audit.forRound(poll.round.code).filter((e) => e.action === 'round.review.reverse');
  t.equal(audit.length, 2, 'each reversal audited');
  const log = await committee.get('/audit');
  t.match(log.body, `待核查答卷编号：${ids[0]}`);

  // A receipt someone has started on is work done: that acceptance is not taken back.
  db.prepare("UPDATE receipts SET state = 'assigned', assignee_id = (SELECT id FROM users WHERE username = 'committee')").run();
  const refused = await committee.post(`${url}/${ids[1]}/reverse`, { to: 'rejected', confirm: '1' });
  t.equal(refused.statusCode, 409);
  t.match(refused.body, '回执已在办理');
  t.equal(count(db, 'responses'), 1);
});

t.test('reject entries carry the answer number as accept entries do; nothing is reversed once the round is closed', async (t) => {
  const { committee, url, ids, repos, poll } = await world(t, 2);
  await committee.post(`${url}/${ids[0]}/accept`, {});
  await committee.post(`${url}/${ids[1]}/reject`, { confirm: '1' });
  const entries = repos.audit.forRound(poll.round.code).filter((e) => e.action.startsWith('round.review.'));
  const details = entries.map((e) => e.detail ?? '');
  t.match(details[0], `"held":${ids[0]}`);
  t.match(details[1], `"held":${ids[1]}`, 'the reject entry names the answer');
  const log = await committee.get('/audit');
  t.match(log.body, `待核查答卷编号：${ids[1]}`);
  closeRoundById(repos, poll.round.id);
  t.equal((await committee.post(`${url}/${ids[1]}/reverse`, { to: 'accepted' })).statusCode, 409);
  t.notMatch((await committee.get(url)).body, '改为采纳');
});
