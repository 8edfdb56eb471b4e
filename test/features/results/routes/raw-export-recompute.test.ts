// The raw response export reproduces the bulletin's numbers, so anyone can re-check them: a round over grids of unequal
// population and sample size, with don't-know answers, a screened-out interview and a grid under the minimum, is
// downloaded as responses.csv, parsed, and recomputed with docs/statistics.md written out apart (section6-reference.ts);
// the results API must agree to 1e-9 and the bulletin pages must print the same two-decimal scores and one-decimal rates.
import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { build, logIn, bearer, issueToken, PASSWORD } from '../../../kit/app.js';
import { answerGrids, answerWithText, screenOut, smallRound, type GridAnswers, type SmallRound } from '../../../kit/results-domain.js';
import type { Survey } from '../../../../server/core/survey/model.js';
import { questionNumbers } from '../../../../server/core/survey/numbering.js';
import { questionShortName } from '../../../../server/core/survey/short-names.js';
import { Z, estimate, kish, competitionRanks, printRate, printScore, t975, wilson, type Est, type Obs } from '../../../kit/section6-reference.js';
import { recompute, weights, type Expected, type Row } from '../../../kit/section6-recompute.js';
import { isResultsReply, type EstimateJson, type UnitJson } from '../../../kit/results.js';
import { rankingRows } from '../../../kit/bulletin.js';

/** Unequal populations; n_h = 7, 3 (under the minimum of 4), 10 (9 + a typed suggestion) and 5. */
const POPULATIONS = [1200, 300, 2600, 800];
const DATA: GridAnswers[] = [
  { q1: 'AABCXDB', q2: 'AXBCAAB', q3: 'YYNYNYY', k1: 'AABXAAC' },
  { q1: 'CEX', q2: 'BCC', q3: 'NNY', k1: 'BAA' },
  { q1: 'BBAACDXBA', q2: 'AABBXXCAB', q3: 'YYYNYYNYY', k1: 'AAAABXAAC' },
  { q1: 'DCBEA', q2: 'CBXBA', q3: 'NYNNY', k1: 'XABAA' },
];
const SUGGESTION = '晚上广场舞太吵，"十点后"还在放，\n希望管一管';

t.test('the reference reproduces the standard values (docs/statistics.md#standard-values)', async (t) => {
  const close = (a: number, b: number, what: string): void => {
    t.ok(Math.abs(a - b) < 1e-11, `${what}: ${a} vs ${b}`);
  };
  close(t975(1), 12.706204736174694, 't df 1');
  close(t975(9), 2.262157162798205, 't df 9');
  close(t975(29), 2.045229642132703, 't df 29');
  const w = (x: number, n: number) => wilson(x / n, n);
  close(w(0, 10).lo, 0, 'Wilson 0/10 lo');
  close(w(0, 10).hi, 0.277532799863, 'Wilson 0/10 hi');
  close(w(5, 10).lo, 0.236593090513, 'Wilson 5/10 lo');
  close(w(81, 90).hi, 0.946493248303, 'Wilson 81/90 hi');
  const g = [1, 2, 3, 2, 0.5, 1.5];
  const obs = [0, 25, 50, 75, 100, 100].map((y, i): Obs => ({ grid: 'h', g: g[i], y, dontKnow: false }));
  const m = estimate(obs, 't');
  close(m.value, 55, 'weighted mean');
  close(kish(g), 4.878048780488, 'Kish n_eff');
  close(m.se, 12.733813254481, 'SE');
  t.equal(Z, 1.959963984540054);
});

/** The export's completed rows; the printed weight g must be the post-stratification weight for the exported unit. */
function exportRows(t: Test, csv: string, survey: Survey): Row[] {
  const records: Array<Record<string, string>> = parse(csv, { columns: true, bom: true });
  const complete = records.filter((r) => r['状态'] === '完成');
  const perGrid = new Map<string, number>();
  for (const r of complete) perGrid.set(r['网格编码'], (perGrid.get(r['网格编码']) ?? 0) + 1);
  const rows = complete.map((r): Row => {
    const codes: Record<string, string> = {};
    for (const q of survey.questions) if (q.type !== 'text') codes[q.id] = r[`${q.id}_代码`];
    const N = r['网格人口N_h'] === '' ? null : Number(r['网格人口N_h']);
    return { grid: r['网格编码'], village: r['村（社区）编码'], township: r['乡镇（街道）编码'], N, nh: perGrid.get(r['网格编码']) ?? 0, codes };
  });
  const g = weights(rows);
  t.same(complete.map((r) => Number(r['权重g'])), g, 'the printed weights are N_h / n_h (or all 1)');
  return rows;
}

const ESTIMATE_KEYS = ['dontKnow', 'hi', 'lo', 'n', 'se', 'value'];

function compareEstimate(t: Test, got: EstimateJson | null | undefined, want: Est, what: string, fields = ESTIMATE_KEYS): void {
  // A village's or grid's estimate also carries its small-area estimate (checked against R in small-area.test.ts).
  t.same(Object.keys(got ?? {}).filter((k) => k !== 'smallArea').sort(), ESTIMATE_KEYS, `${what} has {value, se, lo, hi, n, dontKnow}`);
  for (const f of fields) {
    const a = got?.[f as keyof EstimateJson];
    // The reference computes the unclipped t interval; the API publishes it clipped to the scale
    // (docs/statistics.md#intervals). Rates have Wilson's interval, inside [0, 1] already, so clipping at 0 and 100
    // changes only scores.
    const raw = want[f as keyof Est];
    const b = f === 'lo' ? Math.max(0, raw) : f === 'hi' ? Math.min(100, raw) : raw;
    t.ok(typeof a === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what} ${f}: API ${a}, ref ${b}`);
  }
}

/** The rows of a page's "…各项指标" or "各题得分" table: first cell → the numeric cells. */
function tableRows(html: string, caption: string): Map<string, string[]> {
  const start = html.indexOf(caption);
  if (start < 0) return new Map();
  const body = html.slice(start, html.indexOf('</table>', start));
  const out = new Map<string, string[]>();
  // A change cell may carry a "基本持平" span after its number.
  const cell = '<td class="num[^"]*">[^<]*(?:<span[^>]*>[^<]*<\\/span>)?<\\/td>';
  for (const m of body.matchAll(new RegExp(`<tr[^>]*>(?:<th scope="row">|<td>)([^<]+)(?:<span[^>]*>[^<]*<\\/span>)?<\\/(?:th|td)>((?:${cell})+)<\\/tr>`, 'g'))) {
    out.set(m[1].trim(), [...m[2].matchAll(/<td class="num[^"]*">([^<]*)(?:<span[^>]*>[^<]*<\/span>)?<\/td>/g)].map((c) => c[1]));
  }
  return out;
}

// As printed: clipped to the scale (docs/statistics.md#intervals; rates' Wilson bounds are inside [0, 1] already).
const interval = (e: Est, print: (x: number) => string): string => `${print(Math.max(0, e.lo))}–${print(Math.min(100, e.hi))}`;

async function setup(t: Test, populations: Array<number | null> = POPULATIONS) {
  let s: SmallRound | undefined;
  let secret = '';
  const built = await build(t, { seed: (repos) => {
    s = smallRound(repos, t, populations);
    answerGrids(repos, s, DATA);
    answerWithText(repos, s, s.grids[2], SUGGESTION);
    screenOut(repos, s, s.grids[2]);
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    secret = issueToken(repos, null);
  } });
  if (!s) throw new Error('fixture');
  return { ...built, s, auth: bearer(secret) };
}

/** Every unit of the round through the API: the district gives its townships, each township its village, … */
async function apiUnits(app: FastifyInstance, s: SmallRound, auth: { authorization: string }) {
  const units = new Map<string, UnitJson>();
  const childrenOf = new Map<string, UnitJson[]>();
  let minSample = 0;
  for (const code of [s.district, ...s.townships, ...s.villages].map((u) => u.code)) {
    const res = await app.inject({ method: 'GET', url: `/api/rounds/${s.round.code}/results?unit=${code}`, headers: auth });
    const body: unknown = res.json();
    if (!isResultsReply(body)) throw new Error(`unexpected reply for ${code}`);
    minSample = body.round.minSample;
    for (const u of [body.unit, ...body.children]) units.set(u.code, u);
    childrenOf.set(code, body.children);
  }
  return { units, childrenOf, minSample };
}

/** Which export rows belong to each unit of the round, by the codes the export carries. */
function membership(s: SmallRound): Array<[string, (r: Row) => boolean]> {
  return [
    [s.district.code, () => true],
    ...s.townships.map((u): [string, (r: Row) => boolean] => [u.code, (r) => r.township === u.code]),
    ...s.villages.map((u): [string, (r: Row) => boolean] => [u.code, (r) => r.village === u.code]),
    ...s.grids.map((u): [string, (r: Row) => boolean] => [u.code, (r) => r.grid === u.code]),
  ];
}

/** The API's numbers of one unit against the recomputation. */
function compareUnit(t: Test, code: string, got: UnitJson | undefined, want: Expected): void {
  t.equal(got?.n, want.n, `${code} n`);
  // The composite's don't-know share is a convention of the program (pooled over its questions, each once; tested in
  // test/core/results/results.test.ts, docs/statistics.md#dont-know-share), not one the reference recomputes.
  compareEstimate(t, got?.composite, want.composite, `${code} composite`, ['value', 'se', 'lo', 'hi', 'n']);
  for (const [id, e] of Object.entries(want.indices)) compareEstimate(t, got?.indices[id], e, `${code} index ${id}`);
  compareEstimate(t, got?.knowledge, want.knowledge, `${code} 应知应会率`);
}

t.test('recomputed from the raw export, every unit matches the API and the bulletin', async (t) => {
  const { app, s, auth } = await setup(t);
  const session = await logIn(app, 'committee', PASSWORD);
  const csv = await session.get(`/rounds/${s.round.code}/responses.csv?unit=${s.district.code}`);
  t.equal(csv.statusCode, 200);
  const rows = exportRows(t, csv.body, s.survey);
  t.equal(rows.length, 7 + 3 + 10 + 5, 'every completed response once, the screened-out one not counted');

  const { units: api, childrenOf, minSample } = await apiUnits(app, s, auth);
  t.equal(api.size, 1 + 2 + 2 + 4, 'every unit of the round');

  const expected = new Map<string, Expected>();
  for (const [code, inUnit] of membership(s)) {
    const want = recompute(s.survey, rows.filter(inUnit));
    expected.set(code, want);
    compareUnit(t, code, api.get(code), want);
    t.equal(api.get(code)?.insufficient, want.n < minSample, `${code} 样本不足 exactly when n < ${minSample}`);
  }
  t.equal(api.get('D01-T1-V1-G2')?.insufficient, true, 'the grid of three interviews is under the minimum');
  t.ok((expected.get(s.district.code)?.indices.a.dontKnow ?? 0) > 0, 'the data has don\u2019t-know answers');

  for (const level of ['township', 'village', 'grid']) {
    const ranked = [...api.values()].filter((u) => u.level === level && !u.insufficient);
    const ranks = competitionRanks(new Map(ranked.map((u) => [u.code, expected.get(u.code)?.composite.value ?? NaN])));
    for (const u of api.values()) if (u.level === level) t.equal(u.rank, u.insufficient ? null : ranks.get(u.code), `${u.code} rank`);
  }

  // The bulletin pages print the same numbers.
  const indexName = new Map(s.survey.indices.map((ix) => [ix.id, { name: ix.name, print: ix.kind === 'rate' ? printRate : printScore }]));
  for (const [code, want] of expected) {
    const page = await session.get(`/rounds/${s.round.code}/bulletin?unit=${code}`);
    t.equal(page.statusCode, 200, `${code} page`);
    const name = api.get(code)?.name ?? '';
    const own = tableRows(page.body, `${name}各项指标`);
    if (api.get(code)?.insufficient) {
      t.equal(own.size, 0, `${code}: no scores under the minimum`);
      t.match(page.body, '样本不足');
      continue;
    }
    t.same(own.get(s.survey.composite.name)?.slice(0, 3), [printScore(want.composite.value), interval(want.composite, printScore), String(want.n)], `${code} composite on the page`);
    for (const [id, e] of Object.entries(want.indices)) {
      const ix = indexName.get(id);
      if (!ix) continue;
      t.same(own.get(ix.name)?.slice(0, 4), [ix.print(e.value), interval(e, ix.print), String(e.n), printRate(e.dontKnow)], `${code} ${ix.name} on the page`);
    }
    t.same(own.get('应知应会率')?.slice(0, 3), [printRate(want.knowledge.value), interval(want.knowledge, printRate), String(want.knowledge.n)], `${code} 应知应会率`);
    const itemRows = tableRows(page.body, '各题得分');
    for (const q of s.survey.questions) {
      const e = want.items[q.id];
      if (!e || itemRows.size === 0) continue;
      t.same(itemRows.get(q.text)?.slice(0, 4), [printScore(e.value), interval(e, printScore), String(e.n), printRate(e.dontKnow)], `${code} ${q.id} on the page`);
    }
    // The ranked table of the level below: rank, score and interval of each child.
    const children = childrenOf.get(code) ?? [];
    if (children.length === 0) continue;
    const shown = rankingRows(page.body, '得分与排名');
    for (const child of children) {
      const row = shown.find((r) => r.name === child.name);
      const c = expected.get(child.code)?.composite;
      if (child.insufficient || !c) t.equal(row?.rank, '样本不足', `${child.code} listed as 样本不足`);
      else t.same([row?.rank, row?.score, row?.interval], [String(child.rank), printScore(c.value), interval(c, printScore)], `${child.code} in ${code}'s table`);
    }
  }
  t.equal(api.get('D01-T2-V1-G1')?.n, 10, 'the typed suggestion counts as an interview');
});

t.test('the weakest items of each grid are its three lowest item scores', async (t) => {
  const { app, s } = await setup(t);
  const session = await logIn(app, 'committee', PASSWORD);
  const csv = await session.get(`/rounds/${s.round.code}/responses.csv?unit=${s.villages[1].code}`);
  const rows = exportRows(t, csv.body, s.survey);
  const page = await session.get(`/rounds/${s.round.code}/bulletin?unit=${s.villages[1].code}`);
  const start = page.body.indexOf('各单位最薄弱的三项');
  t.ok(start > 0, 'the weak-items table');
  const table = page.body.slice(start, page.body.indexOf('</table>', start));
  for (const grid of s.grids.filter((g) => g.code.startsWith(s.villages[1].code))) {
    const items = recompute(s.survey, rows.filter((r) => r.grid === grid.code)).items;
    const want = s.survey.questions
      .filter((q) => items[q.id])
      .map((q) => ({ text: q.text, id: q.id, value: Number(printScore(items[q.id].value)) }))
      .sort((a, b) => a.value - b.value || a.id.localeCompare(b.id))
      .slice(0, 3)
      .map((w) => `第 ${questionNumbers(s.survey).get(w.id)} 题 ${questionShortName(s.survey, w.id)} <span class="score">${printScore(w.value)}</span>`);
    // Each cell: the question's number as printed on the form, its short name and score, its full text on hover.
    const row = new RegExp(`>${grid.name}</a>(?:<span[^>]*>[^<]*</span>)?</td>((?:<td title="[^"]*">[^<]*<span class="score">[^<]*</span></td>)+)`).exec(table);
    t.same([...(row?.[1] ?? '').matchAll(/<td title="[^"]*">([^<]*<span class="score">[^<]*<\/span>)<\/td>/g)].map((m) => m[1]), want, `${grid.code} weakest three`);
  }
});

t.test('a grid without population: its units weigh everyone equally, and say so', async (t) => {
  const { app, s, auth } = await setup(t, [1200, null, 2600, 800]);
  const session = await logIn(app, 'committee', PASSWORD);
  const { units: api } = await apiUnits(app, s, auth);
  const [east, west] = s.townships;
  for (const [code, equal] of [[s.district.code, true], [east.code, true], [west.code, false]] as const) {
    const csv = await session.get(`/rounds/${s.round.code}/responses.csv?unit=${code}`);
    const rows = exportRows(t, csv.body, s.survey);
    t.equal(rows.every((r) => r.N !== null), !equal, `${code}: populations in the export`);
    compareUnit(t, code, api.get(code), recompute(s.survey, rows));
    t.equal(api.get(code)?.equalWeights, equal, `${code} equalWeights`);
    const page = await session.get(`/rounds/${s.round.code}/bulletin?unit=${code}`);
    const notice = '本单位有网格缺少常住人口数，本期各答卷按等权计算';
    if (equal) t.match(page.body, notice, `${code} says its weights are equal`);
    else t.notMatch(page.body, notice, `${code} is weighted`);
  }
});
