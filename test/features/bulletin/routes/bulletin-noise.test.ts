// The bulletin as a committee member reads it, honest about noise: the opening paragraph, rank ranges in the tables
// and the results API, a change within noise in grey as 基本持平, the red/black lists' footnote, short names in the
// weak-items table.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { openRound } from '../../../kit/fixtures.js';
import type { Round } from '../../../../server/core/rounds/round.js';
import { district, monthRound, nextPeriod, rankingRows, respond, type Setup } from '../../../kit/bulletin.js';
import { isResultsReply } from '../../../kit/results.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';

t.test('two months: ranges, 基本持平, the opening paragraph, the API’s rankRange', async (t) => {
  let setup: Setup | undefined;
  let second: Round | undefined;
  const { app } = await build(t, { seed: (repos) => {
    setup = district(repos);
    const first = openRound(repos);
    const [a, b, c] = setup.villages;
    // Village b answers half best, half good in both months: the same score, a change of 0.00 within noise.
    for (const round of [first]) {
      respond(repos, round, a, 3, 'best');
      respond(repos, round, b, 2, 'best');
      respond(repos, round, b, 2, 'good');
      respond(repos, round, c, 3, 'good');
    }
    closeRoundById(repos, first.id);
    second = monthRound(repos, first, nextPeriod(first.period), setup.district);
    respond(repos, second, a, 3, 'best');
    respond(repos, second, b, 2, 'best');
    respond(repos, second, b, 2, 'good');
    respond(repos, second, c, 3, 'good');
    second = closeRoundById(repos, second.id);
  } });
  if (!setup || !second) throw new Error('fixture');
  const s = await logIn(app, 'committee', PASSWORD);
  const page = (await s.get(`/rounds/${second.code}/bulletin`)).body;

  const opening = /<p class="opening">([^<]+)<\/p>/.exec(page)?.[1] ?? '';
  t.match(opening, new RegExp(`^\\d{4}年\\d{1,2}月，${setup.district.name}共完成有效答卷\\d+份`), opening);
  t.match(opening, '较上月基本持平', 'the district’s score did not move');
  t.match(opening, '参加排名的村（社区）3个（另有1个样本不足，未参加排名）');

  const rows = rankingRows(page, '全区各村（社区）排名');
  const b = rows.find((r) => r.name === setup?.villages[1].name);
  t.equal(b?.scoreChange, '0.00');
  t.equal(b?.flat, true, 'grey, with 基本持平');
  t.match(page, /<td class="num flat">0\.00<span class="verdict">基本持平<\/span><\/td>/);
  t.match(page, '“可能 a–b 名”');

  const api = await s.get(`/api/rounds/${second.code}/results`);
  t.equal(api.statusCode, 200);
  const reply: unknown = api.json();
  if (!isResultsReply(reply)) throw new Error('not a results reply');
  t.same([reply.unit.rank, reply.unit.rankRange], [1, [1, 1]], 'the only district: first for certain');
  for (const child of reply.children) {
    if (child.rank === null) t.equal(child.rankRange, null, `${child.code}: unranked`);
    else t.ok(child.rankRange && child.rankRange[0] <= child.rank && child.rank <= child.rankRange[1], `${child.code}: ${child.rank} in ${child.rankRange}`);
  }
  const again = (await s.get(`/api/rounds/${second.code}/results`)).json();
  t.same(again, reply, 'the same ranges every time');

  // Weak items by short name, the full question on hover; the lists' rule in a footnote.
  const weak = page.slice(page.indexOf('各单位最薄弱的三项'), page.indexOf('</table>', page.indexOf('各单位最薄弱的三项')));
  t.match(weak, /<td title="[^"]+">[^<]{2,12} <span class="score">/);
  t.match(page, /<p class="muted small footnote">注：红榜只列 95% 区间整体高于全区/);
});
