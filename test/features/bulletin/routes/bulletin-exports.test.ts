// The XLSX and CSV 变化判断 column against an independent computation from the exported numbers: the demo's October
// round against September, at every level. A change is a real rise or fall only when |Δ| > 1.96·√(SE₁² + SE₂²)
// (docs/statistics.md#changes-between-rounds); the test recomputes Δ and the threshold from each round's own workbook (score and 标准误,
// full precision) and reads the label the file prints. It failed while the exports built the bulletin without the
// previous round (every 变化判断 cell empty).
import t from 'tap';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { demoMonths } from '../../../kit/demo-bulletin.js';

const LEVEL_SHEETS = ['乡镇（街道）', '村（社区）', '网格'];
const Z = 1.959963984540054;

type Row = Record<string, ExcelJS.CellValue>;

/** Every level sheet of a workbook as rows keyed by header. */
async function sheets(payload: Buffer): Promise<Map<string, Row[]>> {
  const wb = new ExcelJS.Workbook();
  const buffer = new ArrayBuffer(payload.length);
  new Uint8Array(buffer).set(payload);
  await wb.xlsx.load(buffer);
  const out = new Map<string, Row[]>();
  wb.eachSheet((sheet) => {
    const header = Array.from(sheet.getRow(1).values as ExcelJS.CellValue[], (v) => String(v ?? ''));
    const rows: Row[] = [];
    sheet.eachRow((row, i) => {
      if (i === 1) return;
      const values = row.values as ExcelJS.CellValue[];
      rows.push(Object.fromEntries(header.map((h, c): [string, ExcelJS.CellValue] => [h, values[c] ?? null])));
    });
    out.set(sheet.name, rows);
  });
  return out;
}

const num = (v: ExcelJS.CellValue): number | null => (typeof v === 'number' ? v : null);

/** The label the rule gives, from the two rounds' scores and SEs; '' when either round has no score to compare. */
function expectedLabel(now: Row, before: Row | undefined): string {
  if (!before || now['样本不足'] || before['样本不足']) return '';
  const [m2, m1] = [num(now['民调综合得分']), num(before['民调综合得分'])];
  if (m2 === null || m1 === null) return '';
  const [s2, s1] = [num(now['标准误']), num(before['标准误'])];
  if (s2 === null && s1 === null) return '基本持平';
  const delta = m2 - m1;
  if (Math.abs(delta) <= Z * Math.sqrt((s2 ?? 0) ** 2 + (s1 ?? 0) ** 2)) return '基本持平';
  return delta > 0 ? '上升' : '下降';
}

t.test('XLSX and CSV: 变化判断 says 上升/下降 for real changes and 基本持平 for noise, at every level', async (t) => {
  const { october, september, committee: s } = await demoMonths(t);
  const now = await sheets((await s.get(`/rounds/${october.code}/export.xlsx?unit=QH`)).rawPayload);
  const before = await sheets((await s.get(`/rounds/${september.code}/export.xlsx?unit=QH`)).rawPayload);

  const seen = { 上升: 0, 下降: 0, 基本持平: 0, '': 0 } as Record<string, number>;
  for (const sheet of LEVEL_SHEETS) {
    const rows = now.get(sheet) ?? [];
    const previous = new Map((before.get(sheet) ?? []).map((r) => [String(r['单位编码']), r]));
    t.ok(rows.length > 0, `${sheet}: rows`);
    let wrong = 0;
    for (const row of rows) {
      const want = expectedLabel(row, previous.get(String(row['单位编码'])));
      const got = String(row['变化判断'] ?? '');
      seen[got] = (seen[got] ?? 0) + 1;
      if (got !== want) {
        wrong++;
        t.equal(got, want, `${sheet} ${String(row['单位名称'])}: 变化判断`);
      }
    }
    t.equal(wrong, 0, `${sheet}: every 变化判断 cell agrees with |Δ| against 1.96·√(SE₁² + SE₂²)`);

    // The CSV of the level prints the same judgement for the same unit.
    const level = ['township', 'village', 'grid'][LEVEL_SHEETS.indexOf(sheet)];
    const csv = (await s.get(`/rounds/${october.code}/export.csv?unit=QH&level=${level}`)).body;
    const records = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    const byCode = new Map(rows.map((r) => [String(r['单位编码']), String(r['变化判断'] ?? '')]));
    t.same(
      records.map((r) => [r['单位编码'], r['变化判断']]),
      records.map((r) => [r['单位编码'], byCode.get(r['单位编码'])]),
      `${sheet}: the CSV's 变化判断 is the workbook's`,
    );
  }
  t.ok(seen['上升'] > 0, `real rises are marked 上升 (${seen['上升']})`);
  t.ok(seen['下降'] > 0, `real falls are marked 下降 (${seen['下降']})`);
  t.ok(seen['基本持平'] > 0, `noise is marked 基本持平 (${seen['基本持平']})`);
});

t.test('XLSX of a village: each question’s change since last month and its judgement', async (t) => {
  const { october, committee: s } = await demoMonths(t);
  const items = (await sheets((await s.get(`/rounds/${october.code}/export.xlsx?unit=QH01-01`)).rawPayload)).get('逐题得分') ?? [];
  t.ok(items.length > 5, 'the village’s questions are listed');
  for (const row of items) {
    t.type(row['较上月'], 'number', `${String(row['题号'])}: a change since last month`);
    t.match(String(row['变化判断']), /^(上升|下降|基本持平)$/, `${String(row['题号'])}: with its judgement`);
  }
});
