// The bulletin names a question by the number printed on the resident form (survey/numbering.ts: screening questions
// count, a follow-up is "3.1") — in the weak items, the per-question table, the Word file and the workbook — never by
// the questionnaire's code ("Q8") or a count of its own. Codes stay where machines read them (CSV headers, API).
import t from 'tap';
import ExcelJS from 'exceljs';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { openRound } from '../../../kit/fixtures.js';
import { questionNumbers } from '../../../../server/core/survey/numbering.js';
import { questionShortName } from '../../../../server/core/survey/short-names.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';
import type { Round } from '../../../../server/core/rounds/round.js';
import { district, respond, surveyOf, type Setup } from '../../../kit/bulletin.js';
import { docxText } from '../../../kit/docx.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';

const CODE = /\bQ\d+[a-z]?\b/;

async function sheetRows(payload: Buffer, name: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  const buffer = new ArrayBuffer(payload.length);
  new Uint8Array(buffer).set(payload);
  await wb.xlsx.load(buffer);
  const sheet = wb.getWorksheet(name);
  const rows: string[][] = [];
  sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

t.test('weak items, the question table, Word and XLSX number questions as the resident form does', async (t) => {
  let setup: Setup | undefined;
  let round: Round | undefined;
  const { app, repos } = await build(t, { seed: (repos) => {
    setup = district(repos);
    round = openRound(repos);
    for (const v of setup.villages) respond(repos, round, v, 4, 'good');
    round = closeRoundById(repos, round.id);
  } });
  if (!setup || !round) throw new Error('fixture');
  const survey = surveyOf(repos, round);
  const numbers = questionNumbers(survey);
  t.equal(numbers.get('Q1'), '3', 'the form numbers the screening questions first: Q1 is question 3');
  const village = setup.villages[0];
  const weakest = getRoundResults(repos, round).units[village.code]?.weakest.slice(0, 3) ?? [];
  t.equal(weakest.length, 3, 'the village has three weakest items');
  const expected = weakest.map((w) => `第 ${numbers.get(w.questionId)} 题 ${questionShortName(survey, w.questionId)}`);
  t.ok(weakest.some((w) => numbers.get(w.questionId) !== w.questionId.replace(/^Q/, '')), 'the printed numbers differ from the codes');

  const s = await logIn(app, 'committee', PASSWORD);
  const page = (await s.get(`/rounds/${round.code}/bulletin?unit=${village.code}`)).body;
  const weakLine = /<p class="weak-line">([\s\S]*?)<\/p>/.exec(page)?.[1].replace(/<[^>]+>/g, '') ?? '';
  for (const label of expected) t.match(weakLine, label, `the village's weak items: ${label}`);
  const items = /<table class="items">([\s\S]*?)<\/table>/.exec(page)?.[1] ?? '';
  const itemRows = [...items.matchAll(/<tr[^>]*><td class="num">([^<]*)<\/td><td>([^<]*)/g)].map((m) => [m[1], m[2].trim()]);
  t.ok(itemRows.length >= 10, `${itemRows.length} questions listed`);
  const byText = new Map(survey.questions.map((q) => [q.text, q.id]));
  for (const [number, text] of itemRows) t.equal(number, numbers.get(byText.get(text) ?? ''), `"${text.slice(0, 12)}…" is numbered ${number}`);
  t.notMatch(page.replace(/<[^>]+>/g, ' '), CODE, 'no questionnaire code on the page');

  const district_ = (await s.get(`/rounds/${round.code}/bulletin`)).body;
  const weakTable = district_.slice(district_.indexOf('各单位最薄弱的三项'), district_.indexOf('</table>', district_.indexOf('各单位最薄弱的三项')));
  for (const label of expected) t.match(weakTable.replace(/<[^>]+>/g, ''), label, `the district's weak-items table: ${label}`);

  const docx = await docxText((await s.get(`/rounds/${round.code}/bulletin.docx?unit=${village.code}`)).rawPayload);
  for (const w of weakest) t.match(docx, `第 ${numbers.get(w.questionId)} 题 `, `Word: question ${numbers.get(w.questionId)} among the weak items`);
  const wordItem = docx.split('\n').find((l) => l.includes(survey.questions.find((q) => q.id === 'Q8')?.text ?? '?')) ?? '';
  t.match(wordItem, new RegExp(`^${numbers.get('Q8')}\\t`), `Word's question table numbers Q8 as ${numbers.get('Q8')}: ${wordItem.slice(0, 30)}`);
  t.notMatch(docx, CODE, 'no questionnaire code in the Word file');

  const xlsx = (await s.get(`/rounds/${round.code}/export.xlsx?unit=${village.code}`)).rawPayload;
  const weakSheet = await sheetRows(xlsx, '薄弱项');
  t.same(weakSheet[0]?.slice(3, 6), ['薄弱排序', '题号', '题目简称']);
  const own = weakSheet.filter((r) => r[0] === village.code).map((r) => `第 ${r[4]} 题 ${r[5]}`);
  t.same(own, expected, 'XLSX: the village\'s weak items by printed number');
  const itemSheet = await sheetRows(xlsx, '逐题得分');
  const q8 = itemSheet.find((r) => r[1] === survey.questions.find((q) => q.id === 'Q8')?.text);
  t.equal(q8?.[0], numbers.get('Q8'), 'XLSX: Q8 is listed under its printed number');
  for (const sheet of ['薄弱项', '逐题得分']) t.notMatch((await sheetRows(xlsx, sheet)).flat().join(' '), CODE, `XLSX ${sheet}: no codes`);
});
