// What a committee member reads on a month's bulletin after six months: tied ranks, rank and score changes as the
// field writes them, rates as percentages, 红榜/黑榜, receipts, the AAPOR rates of the phone work, the ranking bars
// with their whiskers and the six-month trend; and a village page that says whose ranks its grid table shows.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { openRound } from '../../../kit/fixtures.js';
import type { Repos } from '../../../../server/platform/repos.js';
import type { Round } from '../../../../server/core/rounds/round.js';
import type { Unit } from '../../../../server/core/units/unit.js';
import type { CallDisposition } from '../../../../server/core/calls/call.js';
import { district, monthRound, nextPeriod, rankingRows, respond, type Setup } from '../../../kit/bulletin.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';

/** Four interviews per grid in every village: `best` all best answers, `mixed` half best and half good, `good` all good. */
function fill(repos: Repos, round: Round, plan: Array<[Unit, 'best' | 'mixed' | 'good']>): void {
  for (const [village, kind] of plan) {
    if (kind === 'mixed') {
      respond(repos, round, village, 2, 'best');
      respond(repos, round, village, 2, 'good');
    } else respond(repos, round, village, 4, kind);
  }
}

/** The AAPOR standard case (docs/statistics.md#standard-values): I=400 P=30 R=250 NC=180 O=20 UH=600 UO=50 NE=470. */
const CALLS: Array<[CallDisposition, number]> = [
  ['complete', 400], ['partial', 30], ['refusal', 250], ['non_contact', 180],
  ['other', 20], ['unknown_household', 600], ['unknown_other', 50], ['not_eligible', 470],
];

interface Months {
  setup: Setup;
  rounds: Round[];
}

/**
 * Six monthly rounds. Months 1–5: villages a best, b and c mixed (a tie), d good. Month 6: b best, a and c mixed, d
 * good. Month 6 also has the standard calls and four receipts: village a two answered, village b one a month old and
 * unanswered (a and b are the first township's), village c one new.
 */
function sixMonths(repos: Repos): Months {
  const setup = district(repos);
  const [a, b, c, d] = setup.villages;
  const rounds: Round[] = [];
  let round = openRound(repos, 'hunan-100', { quotaPerGrid: 10, minSample: 5 });
  for (let month = 1; month <= 6; month++) {
    if (month > 1) round = monthRound(repos, round, nextPeriod(rounds[rounds.length - 1].period), setup.district);
    fill(repos, round, month < 6 ? [[a, 'best'], [b, 'mixed'], [c, 'mixed'], [d, 'good']] : [[b, 'best'], [a, 'mixed'], [c, 'mixed'], [d, 'good']]);
    rounds.push(round);
    if (month < 6) closeRoundById(repos, round.id);
  }
  // Month 6 is closed too, after its calls and receipts below: an open round prints no rank changes and no 红榜/黑榜.
  const last = rounds[5];
  const gridOf = (u: Unit): Unit => repos.units.descendants(u.id, 'grid')[0];
  repos.calls.insertMany(CALLS.flatMap(([disposition, n]) => Array.from({ length: n }, () => ({ roundId: last.id, gridId: gridOf(a).id, disposition }))));
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const receipt = (u: Unit, createdAt?: string): number =>
    repos.receipts.create({ roundId: last.id, gridId: gridOf(u).id, responseId: null, source: 'staff', questionId: null, body: '路灯坏了', createdAt });
  repos.receipts.answer(receipt(a), { action: '已修好', text: '已修好', method: 'phone' });
  const called = receipt(a);
  repos.receipts.answer(called, { action: '已联系供电所', text: '已联系供电所', method: 'phone' });
  repos.receipts.close(called);
  // Praise needs no reply: 无需处理, out of every figure.
  repos.receipts.dismiss(receipt(a), 'praise', null);
  receipt(b, monthAgo);
  receipt(c);
  closeRoundById(repos, last.id);
  return { setup, rounds };
}

/** The app over six months of rounds, and a committee member's session. */
async function sixMonthsApp(t: Parameters<typeof build>[0]) {
  let months: Months | undefined;
  const { app } = await build(t, { seed: (repos) => {
    months = sixMonths(repos);
  } });
  if (!months) throw new Error('fixture');
  return { ...months, s: await logIn(app, 'committee', PASSWORD) };
}

t.test('the sixth month’s district bulletin', async (t) => {
  const { setup, rounds, s } = await sixMonthsApp(t);
  const [a, b, c, d] = setup.villages;
  const res = await s.get(`/rounds/${rounds[5].code}/bulletin`);
  t.equal(res.statusCode, 200);
  const page = res.body;

  // Ties share a rank and the next rank is skipped; changes since month 5 as ↑1 / ↓1 / —.
  const rows = rankingRows(page, '全区各村（社区）排名');
  t.same(rows.map((r) => [r.name, r.rank, r.rankChange]), [
    [b.name, '1', '↑1'],
    [a.name, '2', '↓1'],
    [c.name, '2', '—'],
    [d.name, '4', '—'],
  ]);
  // The change in score is the difference of the two printed scores, with its sign, to two decimals.
  const before = rankingRows((await s.get(`/rounds/${rounds[4].code}/bulletin`)).body, '全区各村（社区）排名');
  for (const row of rows) {
    const earlier = before.find((r) => r.name === row.name);
    const diff = Number(row.score) - Number(earlier?.score);
    const printed = Math.abs(diff) < 0.005 ? '0.00' : `${diff > 0 ? '+' : '-'}${Math.abs(diff).toFixed(2)}`;
    t.equal(row.scoreChange, printed, `${row.name}: ${earlier?.score} → ${row.score}`);
    t.match(row.score, /^\d{1,3}\.\d\d$/, 'scores with two decimals');
  }
  t.not(rows[1].scoreChange, '0.00', 'a village that got worse shows a negative change');
  t.match(rows[1].scoreChange, /^-\d+\.\d\d$/);

  // Rates as percentages with one decimal, scores with two, in the index table and the district's own indicators.
  const indices = page.slice(page.indexOf('分项指数'), page.indexOf('</table>', page.indexOf('分项指数')));
  const header = [...indices.matchAll(/<th class="num">([^<]+)<\/th>/g)].map((m) => m[1]);
  const firstRow = [...(/<tbody>\s*<tr><td>[^<]+<\/td>((?:<td class="num">[^<]*<\/td>)+)/.exec(indices)?.[1] ?? '').matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
  t.ok(header.some((h) => /率/.test(h)) && header.some((h) => !/率/.test(h)), `rates and scores: ${header.join(', ')}`);
  t.equal(firstRow.length, header.length, 'a cell per index');
  header.forEach((name, i) => t.match(firstRow[i], /率/.test(name) ? /^\d{1,3}\.\d%$/ : /^\d{1,3}\.\d\d$/, `${name}: ${firstRow[i]}`));

  // 红榜/黑榜 of four villages: one each.
  const honours = page.slice(page.indexOf('<h2>红榜与黑榜</h2>'));
  t.match(honours, new RegExp(`<h3>红榜</h3>\\s*<ol><li><a href="[^"]*">${b.name}</a>`));
  t.match(honours, new RegExp(`<h3>黑榜</h3>\\s*<ol><li><a href="[^"]*">${d.name}</a>`));

  // Receipts per township and for the district.
  const receipts = page.slice(page.indexOf('问题回执办理情况'), page.indexOf('</table>', page.indexOf('问题回执办理情况')));
  const cells = (name: string) =>
    [...(new RegExp(`${name}(?:</a>)?</(?:td|th)>((?:<td class="num">[^<]*</td>)+)`).exec(receipts)?.[1] ?? '').matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
  t.same(cells(setup.townships[0].name), ['3', '2', '1', '1', '66.7%'], 'first township: 3 opened, 2 answered (1 of them closed), 1 overdue; praise left out');
  t.same(cells(setup.townships[1].name), ['1', '0', '0', '0', '0.0%'], 'second township: one new, not yet overdue');
  t.same(cells(`${setup.district.name}合计`), ['4', '2', '1', '1', '50.0%']);

  // AAPOR rates of the standard case (docs/statistics.md#standard-values), as percentages with one decimal.
  for (const [rate, value] of [['RR1', 0.2614379085], ['RR3', 0.3068181818], ['RR6', 0.4886363636], ['COOP1', 0.5714285714], ['REF2', 0.1917613636], ['CON3', 0.7954545455]] as const) {
    t.match(page, new RegExp(`\\b${rate} ${(value * 100).toFixed(1).replace('.', '\\.')}%`), `${rate} printed`);
  }
  t.match(page, '完成 I');
  // Four rates lead, each explained in a line; the full set and e are in a collapsible part.
  t.match(page, /<li><strong>应答率 30\.7%<\/strong>（RR3）：[^<]+<\/li>/);
  t.match(page, /<li><strong>拒访率 19\.2%<\/strong>（REF2）：/);
  t.match(page, /<details class="aapor-all">\s*<summary>[^<]+<\/summary>[\s\S]*RR1 26\.1%[\s\S]*资格估计 e = [\s\S]*<\/details>/);

  // Charts drawn on the server: a bar with an interval whisker per ranked village; the district's six-month line.
  const bars = /<svg [^>]*id="bars-villages-D01"[\s\S]*?<\/svg>/.exec(page)?.[0] ?? '';
  t.equal([...bars.matchAll(/class="whisker"/g)].length, 4, 'four whiskers');
  t.equal([...bars.matchAll(/<rect class="bar"/g)].length, 4, 'four bars');
  const trend = /<svg [^>]*id="trend-D01"[\s\S]*?<\/svg>/.exec(page)?.[0] ?? '';
  t.match(page, '近6个月');
  const districtLine = new RegExp(`<g class="series"><title>${setup.district.name}</title><polyline points="([^"]+)"`).exec(trend);
  t.equal(districtLine?.[1].trim().split(/\s+/).length, 6, 'the district line has a point per month');
});

t.test('pages about part of the district say the ranks in their tables are district-wide', async (t) => {
  const { setup, rounds, s } = await sixMonthsApp(t);
  const village = setup.villages[0];
  const res = await s.get(`/rounds/${rounds[5].code}/bulletin?unit=${village.code}`);
  t.equal(res.statusCode, 200);
  t.match(res.body, /<th class="num">全区排名<\/th><th>网格<\/th>/, 'the rank column says whose rank it is');
  t.match(res.body, '排名为全区所有网格中的名次');
  t.match(res.body, /全区同级排名第 \d+ 名/);
  const township = await s.get(`/rounds/${rounds[5].code}/bulletin?unit=${setup.townships[0].code}`);
  t.match(township.body, /<th class="num">全区排名<\/th><th>村（社区）<\/th>/);
  const top = await s.get(`/rounds/${rounds[5].code}/bulletin`);
  t.match(top.body, /<th class="num">排名<\/th><th>乡镇（街道）<\/th>/, 'the district page lists whole rankings: plain 排名');
  t.notMatch(top.body, 'rank-note');
});
