// A questionnaire whose composite weighs only rates: the composite is computed on 0–100 (a rate enters as a
// percentage, results/plan.ts), so every file prints it as a score between 0 and 100 — never "5321.1%". The same
// questionnaire names its title and indices with a leading "=" / "+": the XLSX shows them as typed text (string
// cells, no formula, no apostrophe) and the CSV neutralises them.
import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { build, logIn, PASSWORD, tempDir, type Teardown } from '../../kit/app.js';
import { smallDistrict } from '../../kit/fixtures.js';
import type { Repos } from '../../../server/platform/repos.js';
import type { Round } from '../../../server/core/rounds/round.js';
import type { Answers, Survey } from '../../../server/core/survey/model.js';
import { isResultsReply } from '../../kit/results.js';
import { createRound, openRoundById } from '../../../server/features/rounds/rounds-service.js';

const TITLE = '=HYPERLINK("http://evil.example","问卷")';
const SAFE_RATE = '=安全率';
const POLICE_RATE = '+满意率';
const COMPOSITE = '两率综合得分';

const RATES_ONLY = `
id: two-rates
title: '${TITLE}'
intro: 测试
screenOutMessage: 感谢
thankYou: 提交成功
questions:
  - id: Q1
    text: 您觉得安全吗？
    type: single
    options:
      - { code: A, label: 安全, score: 100 }
      - { code: B, label: 一般, score: 50 }
      - { code: C, label: 不安全, score: 0 }
  - id: Q2
    text: 您对公安机关满意吗？
    type: single
    options:
      - { code: A, label: 满意, score: 100 }
      - { code: B, label: 不满意, score: 0 }
indices:
  - { id: safe, name: '${SAFE_RATE}', kind: rate, question: Q1, options: [A] }
  - { id: police, name: '${POLICE_RATE}', kind: rate, question: Q2, options: [A] }
composite:
  name: ${COMPOSITE}
  weights: { safe: 0.6, police: 0.4 }
`;

/** exceljs types its input as an ArrayBuffer. */
function arrayBuffer(payload: Buffer): ArrayBuffer {
  const out = new ArrayBuffer(payload.length);
  new Uint8Array(out).set(payload);
  return out;
}

function loadRatesOnly(repos: Repos, t: Teardown): { survey: Survey; versionId: number } {
  const dir = tempDir(t, 'surveys');
  writeFileSync(join(dir, 'two-rates.yaml'), RATES_ONLY);
  const version = repos.surveys.syncFromDirectory(dir).loaded[0];
  if (!version) throw new Error('test questionnaire not loaded');
  return { survey: version.survey, versionId: version.versionId };
}

/** Six interviews per grid: in grid i, (i mod 3) + 3 feel safe and four are satisfied with the police. */
async function ratesApp(t: Parameters<typeof build>[0]) {
  let round: Round | undefined;
  const built = await build(t, { seed: (repos) => {
    smallDistrict(repos);
    const { survey, versionId } = loadRatesOnly(repos, t);
    const district = repos.units.roots()[0];
    round = openRoundById(repos, createRound(repos, { surveyVersionId: versionId, period: '2026-03', unitIds: [district.id], quotaPerGrid: 6, minSample: 5 }).id);
    const grids = repos.units.descendants(district.id, 'grid');
    const rows = grids.flatMap((g, i) =>
      Array.from({ length: 6 }, (_, j) => {
        const answers: Answers = {
          Q1: { kind: 'choice', codes: [j < (i % 3) + 3 ? 'A' : 'B'] },
          Q2: { kind: 'choice', codes: [j < 4 ? 'A' : 'B'] },
        };
        return { roundId: round?.id ?? 0, gridId: g.id, channel: 'simulated' as const, status: 'complete' as const, answers, survey };
      }),
    );
    repos.responses.insertMany(rows);
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  } });
  if (!round) throw new Error('fixture');
  return { ...built, round, session: await logIn(built.app, 'committee', PASSWORD) };
}

const SCORE = /^\d{1,3}\.\d\d$/;

t.test('a composite of rates prints as a score on 0–100 on the bulletin page', async (t) => {
  const { round, session } = await ratesApp(t);
  const page = (await session.get(`/rounds/${round.code}/bulletin`)).body;
  const headline = /<dd class="score">([^<]*)<\/dd>/.exec(page)?.[1] ?? '';
  t.match(headline, SCORE, `the headline composite is a score: ${headline}`);
  t.ok(Number(headline) > 0 && Number(headline) <= 100, 'between 0 and 100');
  const composite = /<tr class="composite"><th scope="row">[^<]*<\/th><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td>/.exec(page);
  t.match(composite?.[1], SCORE, 'the indicator table prints the composite as a score');
  t.match(composite?.[2], /^\d{1,3}\.\d\d–\d{1,3}\.\d\d$/, 'and its interval as scores');
  const scores = [...page.matchAll(/<td class="num score">([^<]*)<\/td>/g)].map((m) => m[1]);
  t.ok(scores.length > 0, 'ranked rows shown');
  for (const s of scores) t.ok(SCORE.test(s) && Number(s) <= 100, `a ranked unit's composite is a score: ${s}`);
  t.notMatch(page, /\d{4,}\.\d%/, 'no composite printed as thousands of percent');
  // The two rates stay rates.
  t.match(page, /<th scope="row">(?:=|&#x3D;)安全率<\/th><td class="num">\d{1,3}\.\d%<\/td>/, 'a rate index is still a percentage');
});

t.test('the exports and the API carry the same 0–100 composite', async (t) => {
  const { app, round, session } = await ratesApp(t);
  const api = (await session.get(`/api/rounds/${round.code}/results`)).json();
  if (!isResultsReply(api)) throw new Error('no results reply');
  const value = api.unit.composite.value ?? NaN;
  t.ok(value > 0 && value <= 100, `API composite on 0–100: ${value}`);

  const csv: string[][] = parse((await session.get(`/rounds/${round.code}/export.csv?level=grid`)).body, { bom: true });
  const col = csv[0].indexOf(COMPOSITE);
  t.ok(col >= 0, 'the composite column is not a percentage column');
  for (const row of csv.slice(1)) t.ok(Number(row[col]) > 0 && Number(row[col]) <= 100, `CSV composite ${row[col]}`);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(arrayBuffer((await session.get(`/rounds/${round.code}/export.xlsx`)).rawPayload));
  const grids = wb.getWorksheet('网格');
  const headers = (grids?.getRow(1).values ?? []) as unknown[];
  const at = headers.indexOf(COMPOSITE);
  const cell = grids?.getRow(2).getCell(at);
  t.equal(cell?.numFmt, '0.00', 'XLSX formats the composite as a score');
  t.ok(typeof cell?.value === 'number' && cell.value > 0 && cell.value <= 100, `XLSX composite ${String(cell?.value)}`);
  t.ok(app, 'app built');
});

t.test('XLSX writes names starting with = or + as typed text; CSV neutralises them', async (t) => {
  const { round, session } = await ratesApp(t);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(arrayBuffer((await session.get(`/rounds/${round.code}/export.xlsx`)).rawPayload));
  const grids = wb.getWorksheet('网格');
  if (!grids) throw new Error('no grid sheet');
  const headerCells: ExcelJS.Cell[] = [];
  grids.getRow(1).eachCell((c) => headerCells.push(c));
  for (const name of [SAFE_RATE, POLICE_RATE]) {
    const cell = headerCells.find((c) => c.value === name);
    t.ok(cell, `header ${name} appears as written, without an apostrophe`);
    t.equal(cell?.type, ExcelJS.ValueType.String, `header ${name} is a string cell`);
    t.equal(cell?.formula, undefined, `header ${name} is no formula`);
  }
  const title = wb.getWorksheet('概况')?.getCell('B2');
  t.equal(title?.value, TITLE, 'the questionnaire title as written');
  t.equal(title?.type, ExcelJS.ValueType.String);
  const everyCell: ExcelJS.Cell[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => everyCell.push(c))));
  t.same(everyCell.filter((c) => c.type === ExcelJS.ValueType.Formula), [], 'no formula anywhere in the workbook');
  t.same(everyCell.filter((c) => typeof c.value === 'string' && c.value.startsWith("'")), [], 'no apostrophe shown anywhere');

  const csv: string[][] = parse((await session.get(`/rounds/${round.code}/export.csv?level=grid`)).body, { bom: true });
  t.ok(csv[0].includes(`'${SAFE_RATE}(%)`) && csv[0].includes(`'${POLICE_RATE}(%)`), `CSV headers neutralised: ${csv[0].join(',')}`);
});
