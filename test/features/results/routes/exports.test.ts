// The bulletin's export files as a committee member and a township's staff download them: CSV that Excel opens (BOM,
// CRLF, neutralised formulas), an XLSX with one sheet per level, and the raw responses with weights.
import t from 'tap';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { R_DATA, answerGrids, answerWithText, smallRound, type SmallRound } from '../../../kit/results-domain.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';
import { createRound, openRoundById } from '../../../../server/features/rounds/rounds-service.js';

const ATTACK = '=cmd|\' /C calc\'!A0';

/** exceljs types its input as an ArrayBuffer. */
function arrayBuffer(payload: Buffer): ArrayBuffer {
  const out = new ArrayBuffer(payload.length);
  new Uint8Array(out).set(payload);
  return out;
}

async function setup(t: Parameters<typeof build>[0]) {
  let s: SmallRound | undefined;
  const built = await build(t, { seed: (repos) => {
    s = smallRound(repos, t);
    answerGrids(repos, s, R_DATA);
    answerWithText(repos, s, s.grids[0], ATTACK);
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    repos.users.create({ username: 'east', displayName: '东城街道', password: PASSWORD, role: 'township', unitId: s.townships[0].id });
  } });
  if (!s) throw new Error('fixture');
  return { ...built, s };
}

t.test('CSV of a level: BOM, CRLF, ranked rows with the computed numbers', async (t) => {
  const { app, repos, s } = await setup(t);
  const session = await logIn(app, 'committee', PASSWORD);
  const res = await session.get(`/rounds/${s.round.code}/export.csv?unit=D01&level=grid`);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /text\/csv; charset=utf-8/);
  t.match(res.headers['content-disposition'], /attachment/);
  t.ok(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'starts with the UTF-8 BOM');
  t.ok(res.body.includes('\r\n') && !/[^\r]\n/.test(res.body), 'every line ends with CRLF');
  const rows: string[][] = parse(res.body, { bom: true });
  t.equal(rows[0][0], '排名');
  t.ok(rows[0].includes('综合得分'));
  t.ok(rows[0].includes('安全感率(%)'), 'rates in percent, said in the header');
  t.equal(rows.length, 5, 'header and four grids');
  const results = getRoundResults(repos, s.round);
  const scoreCol = rows[0].indexOf('综合得分');
  const first = rows[1];
  t.equal(first[0], '1');
  t.equal(Number(first[scoreCol]), Number(results.units[first[1]].composite.value?.toFixed(2)), 'score as computed, two decimals');
  const last = rows[rows.length - 1];
  t.equal(last[0], '', 'the grid under the minimum has no rank');
  t.ok(last.includes('样本不足'));

  const bad = await session.get(`/rounds/${s.round.code}/export.csv?unit=D01&level=province`);
  t.equal(bad.statusCode, 400, 'a level that does not exist');
  const above = await session.get(`/rounds/${s.round.code}/export.csv?unit=D01-T1-V1&level=township`);
  t.equal(above.statusCode, 400, 'a level above the unit');
  t.match(above.body, '没有');
});

t.test('raw responses: one row per response, codes and labels, weights, formulas neutralised, nothing personal', async (t) => {
  const { app, s } = await setup(t);
  const session = await logIn(app, 'committee', PASSWORD);
  const res = await session.get(`/rounds/${s.round.code}/responses.csv?unit=D01-T1`);
  t.equal(res.statusCode, 200);
  t.ok(res.body.startsWith('\uFEFF'), 'BOM');
  const rows: Array<Record<string, string>> = parse(res.body, { columns: true, bom: true });
  t.equal(rows.length, 6 + 4 + 1, 'the township’s responses only');
  t.ok(rows.every((r) => r['乡镇（街道）'] === '东城街道'));
  const header = Object.keys(rows[0]);
  t.ok(header.includes('Q1_代码') && header.includes('Q1_选项') && header.includes('T1_文字'));
  t.notOk(header.some((h) => /电话|phone|device|设备/i.test(h)), 'no phone numbers or device hashes');
  const first = rows.find((r) => r['网格编码'] === 'D01-T1-V1-G1' && r['Q1_代码'] === 'B');
  t.equal(first?.['Q1_选项'], '安全');
  // g = N_h / n_h: grid 1 has 1000 residents and 7 completed interviews (6 + the one with a suggestion).
  t.equal(Number(first?.['权重g']), 1000 / 7);
  const suggestion = rows.find((r) => r['T1_文字'] !== '');
  t.equal(suggestion?.['T1_文字'], `'${ATTACK}`, 'a formula-looking suggestion is neutralised');
  t.notMatch(res.body, /(^|,)=cmd/m, 'never at the start of a cell');
});

t.test('XLSX: overview, a sheet per level, frozen header, numbers as numbers', async (t) => {
  const { app, repos, s } = await setup(t);
  const session = await logIn(app, 'committee', PASSWORD);
  const res = await session.get(`/rounds/${s.round.code}/export.xlsx?unit=D01`);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(arrayBuffer(res.rawPayload));
  t.same(wb.worksheets.map((w) => w.name), ['概况', '乡镇（街道）', '村（社区）', '网格', '薄弱项', 'AAPOR']);
  const grids = wb.getWorksheet('网格');
  if (!grids) throw new Error('no grid sheet');
  t.equal(grids.views[0]?.state, 'frozen', 'header frozen');
  t.equal(grids.rowCount, 5);
  const headers = sheetHeaders(grids);
  const scoreCol = headers.indexOf('综合得分');
  const rateCol = headers.indexOf('安全感率');
  t.ok(scoreCol > 0 && rateCol > 0);
  const results = getRoundResults(repos, s.round);
  const row = grids.getRow(2);
  const code = String(row.getCell(2).value);
  const score = row.getCell(scoreCol).value;
  t.type(score, 'number', 'the score is a number, not text');
  t.equal(score, results.units[code].composite.value);
  t.equal(row.getCell(scoreCol).numFmt, '0.00');
  t.equal(row.getCell(rateCol).numFmt, '0.0%');
  t.equal(row.getCell(rateCol).value, results.units[code].indices.b.value, 'rates as fractions shown as percentages');
  t.ok((grids.getColumn(3).width ?? 0) >= 10, 'column widths set');
  // The rank range the bulletin prints beside each rank (可能 a–b 名), as two numbers.
  const unit = results.units[code];
  t.ok(unit.rankRange, 'the fixture ranks its grids');
  t.equal(row.getCell(headers.indexOf('可能名次（高）')).value, unit.rankRange?.[0] ?? null);
  t.equal(row.getCell(headers.indexOf('可能名次（低）')).value, unit.rankRange?.[1] ?? null);
  t.equal(row.getCell(headers.indexOf('变化判断')).value, '', 'no earlier round: no verdict on a change');
  const overview = wb.getWorksheet('概况');
  t.match(String(overview?.getCell('B2').value), '结果测试问卷');

  for (const name of ['乡镇（街道）', '村（社区）', '网格']) {
    const sheet = wb.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const view = sheet.views[0];
    t.ok(view?.state === 'frozen' && view.ySplit === 1, `${name}: header row frozen`);
    t.equal(sheet.getRow(1).font?.bold, true, `${name}: header bold`);
    const widths = sheet.columns.map((c) => c.width ?? 0);
    t.ok(widths.length > 20 && widths.every((w) => w >= 6), `${name}: every column has a width: ${widths.join(",")}`);
    const titles = sheetHeaders(sheet);
    const numeric = ['排名', '样本量', '配额', '完成率', '综合得分', '95%区间下限', '95%区间上限', '标准误', '安全感', '安全感率', '应知应会率', '回执数'];
    sheet.eachRow((r, i) => {
      if (i === 1) return;
      r.eachCell((cell, col) => {
        const v = cell.value;
        if (typeof v === 'string') t.notMatch(v, /^[-+]?\d+(\.\d+)?%?$/, `${name} ${titles[col]}: no number stored as text`);
      });
      for (const title of numeric) {
        const v = r.getCell(titles.indexOf(title)).value;
        t.ok(v === null || typeof v === 'number', `${name} row ${i} ${title}: ${String(v)} is a number`);
      }
      t.type(r.getCell(titles.indexOf('样本量')).value, 'number');
    });
  }
});

/** Header titles by column number (exceljs counts from 1). */
function sheetHeaders(sheet: ExcelJS.Worksheet): string[] {
  const values = sheet.getRow(1).values;
  return Array.isArray(values) ? values.map((v) => String(v ?? '')) : [];
}

t.test('exports stay inside the user’s part of the tree', async (t) => {
  const { app, s } = await setup(t);
  const east = await logIn(app, 'east', PASSWORD);
  const own = await east.get(`/rounds/${s.round.code}/export.xlsx`);
  t.equal(own.statusCode, 200, 'defaults to the user’s township');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(arrayBuffer(own.rawPayload));
  const codes: string[] = [];
  wb.getWorksheet('网格')?.eachRow((row, i) => {
    if (i > 1) codes.push(String(row.getCell(2).value));
  });
  t.same(codes.sort(), ['D01-T1-V1-G1', 'D01-T1-V1-G2']);
  for (const url of [`export.xlsx?unit=D01`, `export.csv?unit=D01-T2`, `responses.csv?unit=D01-T2-V1-G1`]) {
    const res = await east.get(`/rounds/${s.round.code}/${url}`);
    t.equal(res.statusCode, 403, url);
  }
  const anonymous = await app.inject({ method: 'GET', url: `/rounds/${s.round.code}/responses.csv` });
  t.not(anonymous.statusCode, 200, 'not without logging in');
  const missing = await east.get(`/rounds/no-such-round/export.csv`);
  t.equal(missing.statusCode, 404);
});

/** Unit names a spreadsheet would run as a formula, or whose first character it would swallow. */
const FORMULA_NAMES = ['=HYPERLINK("http://evil.example","点我")', '+1', '-2', '@x', '\t制表符开头', '\r回车开头'];

t.test('unit names that look like formulas are neutralised in CSV and typed text in XLSX', async (t) => {
  const { app, repos, s: first } = await setup(t);
  repos.units.importUnits(
    FORMULA_NAMES.map((name, i) => ({ code: `D01-T2-V1-G${i + 3}`, name, parentCode: 'D01-T2-V1', level: 'grid' as const, population: 100, households: null })),
  );
  // A round keeps the grids it was opened with: the new grids are part of a round opened after their import.
  const next = createRound(repos, { surveyVersionId: first.round.surveyVersionId, period: '2025-04', unitIds: [first.district.id], minSample: 4 });
  const s = { ...first, round: openRoundById(repos, next.id) };
  for (const name of FORMULA_NAMES) {
    const grid = repos.units.getByCode(`D01-T2-V1-G${FORMULA_NAMES.indexOf(name) + 3}`);
    if (grid) answerWithText(repos, s, grid, '无');
  }
  const session = await logIn(app, 'committee', PASSWORD);
  const level = await session.get(`/rounds/${s.round.code}/export.csv?unit=D01&level=grid`);
  const names = (parse(level.body, { columns: true, bom: true }) as Array<Record<string, string>>).map((r) => r['单位名称']);
  for (const name of FORMULA_NAMES) t.ok(names.includes(`'${name}`), `level CSV: ${JSON.stringify(name)} starts with an apostrophe`);

  const raw = await session.get(`/rounds/${s.round.code}/responses.csv?unit=D01`);
  const gridNames = (parse(raw.body, { columns: true, bom: true }) as Array<Record<string, string>>).map((r) => r['网格']);
  for (const name of FORMULA_NAMES) t.ok(gridNames.includes(`'${name}`), `raw CSV: ${JSON.stringify(name)} neutralised`);
  for (const body of [level.body, raw.body]) {
    const risky = (parse(body, { bom: true }) as string[][]).flat().filter((f) => /^[=+\-@\t\r]/.test(f) && !Number.isFinite(Number(f)));
    t.same(risky, [], 'only numbers start with = + - @, a tab or a carriage return');
  }

  const xlsx = await session.get(`/rounds/${s.round.code}/export.xlsx?unit=D01`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(arrayBuffer(xlsx.rawPayload));
  // XML reads a carriage return back as a line feed.
  const lines = (v: unknown): string => String(v).replace(/\r\n?/g, '\n');
  const cells: ExcelJS.Cell[] = [];
  wb.getWorksheet('网格')?.eachRow((row) => cells.push(row.getCell(3)));
  // XLSX cells are typed: a string cell is text, never evaluated, so the name is kept as written (no apostrophe).
  for (const name of FORMULA_NAMES) {
    const cell = cells.find((c) => lines(c.value) === lines(name));
    t.ok(cell, `XLSX: ${JSON.stringify(name)} as written`);
    t.equal(cell?.type, ExcelJS.ValueType.String, `XLSX: ${JSON.stringify(name)} is a text cell, not a formula`);
  }
});

t.test('a round without responses exports empty files, and bad units are refused', async (t) => {
  const { app, repos, s } = await setup(t);
  const empty = openRoundById(repos, createRound(repos, { surveyVersionId: s.round.surveyVersionId, period: '2025-04', unitIds: [s.district.id], minSample: 4 }).id);
  const session = await logIn(app, 'committee', PASSWORD);
  const csv = await session.get(`/rounds/${empty.code}/export.csv?unit=D01&level=grid`);
  t.equal(csv.statusCode, 200);
  const rows: Array<Record<string, string>> = parse(csv.body, { columns: true, bom: true });
  t.equal(rows.length, 4, 'every grid listed');
  t.ok(rows.every((r) => r['样本量'] === '0' && r['综合得分'] === '' && r['排名'] === '' && r['样本不足'] === '样本不足'), 'no score, no rank');
  const raw = await session.get(`/rounds/${empty.code}/responses.csv?unit=D01`);
  t.equal(raw.statusCode, 200);
  t.equal(parse(raw.body, { bom: true }).length, 1, 'the header only');
  const xlsx = await session.get(`/rounds/${empty.code}/export.xlsx?unit=D01`);
  t.equal(xlsx.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(arrayBuffer(xlsx.rawPayload));
  const overview = wb.getWorksheet('概况');
  const composite: unknown[] = [];
  overview?.eachRow((row) => {
    if (row.getCell(1).value === '综合得分') composite.push(row.getCell(2).value);
  });
  t.same(composite, [null], 'no composite, not 0 or NaN');
  for (const body of [csv.body, raw.body]) t.notMatch(body, /NaN|null|undefined|Infinity/);

  repos.units.importUnits([{ code: 'D02', name: '另一区', parentCode: null, level: 'district', population: null, households: null }]);
  for (const file of ['export.xlsx', 'export.csv', 'responses.csv']) {
    const unknown = await session.get(`/rounds/${s.round.code}/${file}?unit=NOPE`);
    t.equal(unknown.statusCode, 404, `${file}: unknown unit`);
    t.match(unknown.body, '找不到该单位');
    const outside = await session.get(`/rounds/${s.round.code}/${file}?unit=D02`);
    t.equal(outside.statusCode, 404, `${file}: a unit outside the round`);
    t.match(outside.body, '不在本轮民调范围内');
  }
});
