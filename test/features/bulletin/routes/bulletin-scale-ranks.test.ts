// What a leader reads stays on the scale and compares like with like (docs/statistics.md#intervals, #rankings):
// a grid of 3 answers prints no interval outside 0–100 (0–100% for rates) on its page, in its Word file, its XLSX and
// the results API; an open round is marked 进行中 with no rank changes and no 红榜/黑榜; and the half-year summary's
// XLSX, CSV and API say the same numbers as its page.
import t, { type Test } from 'tap';
import ExcelJS from 'exceljs';
import { build, injectAs, PASSWORD } from '../../../kit/app.js';
import { docxText } from '../../../kit/docx.js';
import { R_DATA, answerGrids, smallRound, type SmallRound } from '../../../kit/results-domain.js';
import { closeRoundById, createRound, openRoundById } from '../../../../server/features/rounds/rounds-service.js';
import type { Round } from '../../../../server/core/rounds/round.js';

const THREE = 'D01-T2-V1-G2';

/** R_DATA with the minimum sample at 3, so the grid of 3 answers is published; `close` closes the round. */
async function app(t: Test, close: boolean) {
  let s: SmallRound | undefined;
  let round: Round | undefined;
  const built = await build(t, { seed: (repos) => {
    s = smallRound(repos, t, undefined, { minSample: 3 });
    answerGrids(repos, s, R_DATA);
    repos.users.create({ username: 'committee', displayName: '政法委张三', password: PASSWORD, role: 'committee', unitId: null });
    round = close ? closeRoundById(repos, s.round.id) : s.round;
  } });
  if (!s || !round) throw new Error('fixture');
  return { ...built, s, round, committee: await injectAs(built.app, 'committee') };
}

/** Every "a–b" interval printed in a text, as numbers (a % sign means a rate on 0–100%). */
function intervals(text: string): Array<[number, number, boolean]> {
  return [...text.matchAll(/(-?\d+(?:\.\d+)?)(%?)\s*[–~]\s*(-?\d+(?:\.\d+)?)(%?)/g)].map((m) => [Number(m[1]), Number(m[3]), m[2] === '%' || m[4] === '%']);
}

function onScale(t: Test, text: string, where: string): void {
  const found = intervals(text);
  t.ok(found.length > 0, `${where}: intervals printed`);
  const outside = found.filter(([lo, hi]) => lo < 0 || hi > 100 || lo > hi);
  t.same(outside, [], `${where}: every interval inside 0–100 (${found.length} checked)`);
}

t.test('a grid of 3 answers: no interval leaves its scale in page, Word, XLSX or API', async (t) => {
  const { app: server, s, round, committee, repos } = await app(t, true);
  t.equal(repos.rounds.getById(s.round.id)?.state, 'closed');
  const page = await committee.get(`/rounds/${round.code}/bulletin?unit=${THREE}`);
  t.equal(page.statusCode, 200);
  // R's composite interval for this grid is −31.87 to 117.20 (test/core/results/results.test.ts).
  t.match(page.body, '0.00–100.00', 'the composite interval clipped to the scale');
  onScale(t, page.body.replace(/<[^>]+>/g, ' ').replace(/可能\s*\d+–\d+\s*名/g, ''), 'page');

  const word = await committee.get(`/rounds/${round.code}/bulletin.docx?unit=${THREE}`);
  t.equal(word.statusCode, 200);
  const text = await docxText(word.rawPayload);
  t.match(text, '0.00–100.00', 'Word: the clipped interval');
  onScale(t, text.replace(/可能\s*\d+–\d+\s*名/g, ''), 'Word');

  // The XLSX of the grid's village lists the grid with its interval bounds as numbers.
  const xlsx = await committee.get(`/rounds/${round.code}/export.xlsx?unit=D01-T2-V1`);
  t.equal(xlsx.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  let checked = 0;
  wb.eachSheet((sheet) => {
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const lo = header.indexOf('95%区间下限');
    const hi = header.indexOf('95%区间上限');
    if (lo < 0 || hi < 0) return;
    sheet.eachRow((row, i) => {
      if (i === 1) return;
      const [a, b] = [row.getCell(lo).value, row.getCell(hi).value];
      if (typeof a !== 'number' || typeof b !== 'number') return;
      checked += 1;
      t.ok(a >= 0 && b <= 100, `XLSX ${sheet.name} row ${i}: ${a}–${b}`);
    });
  });
  t.ok(checked > 0, 'XLSX: interval cells checked');

  const api = await server.inject({ method: 'GET', url: `/api/rounds/${round.code}/results?unit=${THREE}`, cookies: committee.cookies });
  t.equal(api.statusCode, 200);
  const unit = api.json().unit;
  t.equal(unit.n, 3);
  t.same([unit.composite.lo, unit.composite.hi], [0, 100], 'API: the composite interval clipped');
  for (const [id, e] of Object.entries(unit.indices as Record<string, { lo: number; hi: number }>)) {
    const top = id === 'b' ? 1 : 100;
    t.ok(e.lo >= 0 && e.hi <= top, `API index ${id}: ${e.lo}–${e.hi} inside 0–${top}`);
  }
});

t.test('an open round: 进行中（截至 …）, no rank changes, no 红榜/黑榜', async (t) => {
  const { s, committee, repos } = await app(t, false);
  closeRoundById(repos, s.round.id);
  const april = openRoundById(repos, createRound(repos, { surveyVersionId: s.round.surveyVersionId, period: '2025-04', unitIds: [s.district.id], minSample: 3 }).id);
  answerGrids(repos, s, R_DATA, april);
  const page = (await committee.get(`/rounds/${april.code}/bulletin`)).body;
  t.match(page, /进行中（截至 \d{4}-\d\d-\d\d \d\d:\d\d）/, 'marked in progress, with the time of the data');
  t.notMatch(page, '<h2>红榜与黑榜</h2>', 'no 红榜/黑榜');
  t.notMatch(page, /class="tag (top|bottom)"/, 'no table row marked 红榜/黑榜');
  t.notMatch(page, /[↑↓]\d/, 'no rank change');
  t.match(page, '名次变化只在两个月参加排名的单位基本相同', 'the rank-change rule is stated');
  const word = await docxText((await committee.get(`/rounds/${april.code}/bulletin.docx`)).rawPayload);
  t.match(word, '进行中（截至', 'Word: marked in progress');
  t.notMatch(word, '红榜：', 'Word: no 红榜');
  t.notMatch(word, /[↑↓]\d/, 'Word: no rank change');
});

t.test('the half-year summary: XLSX, CSV and API say what the page says', async (t) => {
  const { app: server, s, committee, repos } = await app(t, true);
  const april = openRoundById(repos, createRound(repos, { surveyVersionId: s.round.surveyVersionId, period: '2025-04', unitIds: [s.district.id], minSample: 3 }).id);
  answerGrids(repos, s, [...R_DATA].reverse(), april);
  closeRoundById(repos, april.id);
  const q = `survey=test-small&end=2025-04&unit=D01`;
  const page = (await committee.get(`/summary?${q}`)).body;
  const own = /<td class="num score">([^<]+)<\/td><td class="num">([^<]+)<\/td><td class="num">([^<]+)<\/td>/.exec(page);
  if (!own) throw new Error('the page prints the district’s half-year score, SE and interval');
  const [, score, se, interval] = own;
  t.match(page, '标准误', 'the page prints the half-year SE');
  t.match(page, /href="\/summary\.xlsx\?survey[^"]*">下载 Excel/, 'the page links its XLSX');

  const api = await server.inject({ method: 'GET', url: `/api/summary?${q}`, cookies: committee.cookies });
  t.equal(api.statusCode, 200);
  const body = api.json();
  t.same(body.periods, ['2025-03', '2025-04']);
  const d = body.units[0];
  t.equal(d.code, 'D01');
  t.equal(d.score.toFixed(2), score, 'API score = page');
  t.equal(d.se.toFixed(2), se, 'API SE = page');
  t.equal(`${d.lo.toFixed(2)}–${d.hi.toFixed(2)}`, interval, 'API interval = page');
  t.same(d.perMonth.map((m: { n: number }) => m.n), [18, 18], 'interviews per month');
  const grids = body.units.filter((u: { level: string }) => u.level === 'grid');
  t.equal(grids.length, 0, 'a district summary lists townships and villages');
  t.ok(body.units.some((u: { level: string; rankRange: unknown }) => u.level === 'township' && u.rankRange !== undefined), 'rank ranges present');

  const csv = (await committee.get(`/summary.csv?${q}`)).body.replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r?\n/).map((l) => l.split(','));
  const header = lines[0];
  const row = lines.find((l) => l[1] === 'D01');
  if (!row) throw new Error('the CSV has the district');
  t.equal(row[header.indexOf('半年综合得分')], score, 'CSV score = page');
  t.equal(row[header.indexOf('标准误')], se, 'CSV SE = page');
  t.equal(`${row[header.indexOf('95%区间下限')]}–${row[header.indexOf('95%区间上限')]}`, interval, 'CSV interval = page');
  t.ok(header.includes('月均变化标准误') && header.includes('2025年3月样本量'), 'slope SE and n per month');

  const xlsx = await committee.get(`/summary.xlsx?${q}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const heads = (sheet.getRow(1).values as unknown[]).map(String);
  const first = sheet.getRow(2);
  t.equal(first.getCell(heads.indexOf('单位编码')).value, 'D01');
  t.equal(Number(first.getCell(heads.indexOf('半年综合得分')).value).toFixed(2), score, 'XLSX score = page');
  t.equal(Number(first.getCell(heads.indexOf('标准误')).value).toFixed(2), se, 'XLSX SE = page');
});
