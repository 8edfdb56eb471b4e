// The demo's bulletins (district, a township, a village) and half-year summary as Word notices (公文 .docx), checked
// the way a recipient would open them: LibreOffice converts each to PDF without error, with a plausible page count,
// and the headline numbers — the district's score, the first-ranked township — and the notice's head are in the text.
import t from 'tap';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { build, logIn, tempDir } from '../../../kit/app.js';
import { DEMO_PASSWORD } from '../../../../server/demo/seed.js';
import { forecastSummary } from '../../../../server/features/forecast/forecast.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';
import { formatScore } from '../../../../server/core/stats/format.js';
import { pdfPageCount } from '../../../kit/pdf.js';
import { demoDatabase } from '../../../kit/demo-db.js';

const run = promisify(execFile);
/** Where the converted PDFs are left for a person to look at (gitignored). */
const OUTPUT = 'test-output/screenshots/bulletin-docx';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Converts the files with LibreOffice (its own profile folder, so parallel tests do not share a lock). */
async function convert(dir: string, files: string[], to: 'pdf' | 'txt:Text'): Promise<void> {
  const profile = pathToFileURL(join(dir, 'lo-profile')).href;
  await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', to, '--outdir', dir, ...files], { timeout: 240_000 });
}

t.test('the demo bulletins and summary download as .docx that LibreOffice renders', async (t) => {
  const { stdout } = await run('sh', ['-c', 'command -v soffice || true']);
  t.ok(stdout.trim() !== '', 'LibreOffice (soffice) is installed (.ci/run installs libreoffice-writer-nogui)');
  if (stdout.trim() === '') return;

  const { app, repos } = await build(t, { from: await demoDatabase() });
  const round = repos.rounds.list().find((r) => r.period === '2026-10');
  if (!round) throw new Error('the demo has October 2026');
  const results = getRoundResults(repos, round);
  const district = results.units.QH;
  const firstTownship = Object.values(results.units).find((u) => u.level === 'township' && u.rank === 1);
  if (!district || !firstTownship) throw new Error('the demo ranks its townships');
  const village = Object.values(results.units).find((u) => u.level === 'village' && u.parentCode === firstTownship.code && !u.insufficient);
  if (!village) throw new Error('a village with enough interviews');

  const committee = await logIn(app, 'weifa', DEMO_PASSWORD);
  const urls: Record<string, string> = {
    district: `/rounds/${round.code}/bulletin.docx`,
    township: `/rounds/${round.code}/bulletin.docx?unit=${firstTownship.code}`,
    village: `/rounds/${round.code}/bulletin.docx?unit=${village.code}`,
    summary: `/summary.docx?end=2026-10&unit=QH`,
  };
  const dir = tempDir(t, 'docx');
  for (const [name, url] of Object.entries(urls)) {
    const res = await committee.get(url);
    t.equal(res.statusCode, 200, `${name}: downloads`);
    t.equal(res.headers['content-type'], DOCX, `${name}: a Word document`);
    t.match(String(res.headers['content-disposition']), /attachment; .*\.docx/, `${name}: as a file`);
    writeFileSync(join(dir, `${name}.docx`), res.rawPayload);
  }

  const names = Object.keys(urls);
  await convert(dir, names.map((n) => join(dir, `${n}.docx`)), 'pdf');
  const pages: Record<string, number> = {};
  mkdirSync(OUTPUT, { recursive: true });
  for (const n of names) {
    t.ok(existsSync(join(dir, `${n}.pdf`)), `${n}: converted to PDF`);
    copyFileSync(join(dir, `${n}.pdf`), join(OUTPUT, `${n}.pdf`));
    pages[n] = pdfPageCount(readFileSync(join(dir, `${n}.pdf`)));
  }
  t.ok(pages.district >= 5 && pages.district <= 14, `district bulletin: ${pages.district} A4 pages`);
  t.ok(pages.township >= 2 && pages.township <= 8, `township bulletin: ${pages.township} pages`);
  t.ok(pages.village >= 2 && pages.village <= 8, `village bulletin: ${pages.village} pages`);
  t.ok(pages.summary >= 2 && pages.summary <= 10, `half-year summary: ${pages.summary} pages`);

  await convert(dir, names.map((n) => join(dir, `${n}.docx`)), 'txt:Text');
  const text = (n: string) => readFileSync(join(dir, `${n}.txt`), 'utf8');
  const d = text('district');
  t.match(d, '清河区委政法委（平安办）', 'district: issuing body');
  // A download is a preview: 征求意见稿 where the number goes, no number and no date until 发文 (docs/rules.md#issuing-notices).
  t.match(d, '征求意见稿', 'district: a download is a preview (征求意见稿)');
  t.notMatch(d, /〔\d{4}〕/, 'district: no document number before 发文');
  t.match(d, '清河区平安建设模拟民调通报', 'district: title');
  t.match(d, formatScore(district.composite.value ?? NaN), `district: its score ${formatScore(district.composite.value ?? NaN)}`);
  t.match(d, firstTownship.name, `district: the first-ranked township ${firstTownship.name}`);
  t.match(d, '现将有关情况通报如下', 'district: the opening paragraph');
  const forecast = forecastSummary(repos, round.code);
  t.match(d, '正式民调预测', 'district: the forecast of the official poll, for the committee');
  t.match(d, `预计本区民调综合得分为 ${formatScore(forecast.expected)} 分`, 'district: the forecast\'s expected score');
  t.notMatch(text('township'), '正式民调预测', 'a township\'s bulletin has no district forecast');
  t.match(text('township'), firstTownship.name, 'township: its name');
  t.match(text('township'), '征求意见稿', 'township: the committee\'s download is a preview too, never numbered');
  t.match(text('village'), village.name, 'village: its name');
  // Plain Chinese first, the AAPOR table as the appendix (附表) after the signature.
  t.match(d, /本月拨打电话 \d+ 个，接通并找到合格受访者 \d+ 个，完成访问 \d+ 个，应答率约 \d+\.\d%。/, 'district: the phone work in one sentence');
  const appendix = d.indexOf('附表：电话访问结果明细');
  t.ok(appendix > d.indexOf('特此通报'), 'district: the AAPOR table is an appendix after the signature');
  t.notMatch(d.slice(0, appendix), /RR\d|COOP\d|REF\d|CON\d|未知住户 UH/, 'district: no AAPOR codes before the appendix');
  t.match(d.slice(appendix), 'RR1', 'district: the appendix keeps every rate');
  const weakest = /最薄弱的三项：([^\n]+)/.exec(d)?.[1] ?? '';
  t.match(weakest, /第 [\d.]+ 题 [^（；？]{2,12}（\d+\.\d\d）/, `district: weakest items by short name (${weakest})`);
  t.notMatch(weakest, /[？?]/, 'district: no whole question sentences');
  t.match(d, '新增回执（件）', 'district: receipts counted in 件');
  t.notMatch(d, /回执[^\n]{0,12}\d+ ?张/, 'district: never 张');
  t.notMatch(text('summary'), /\d+ ?张/, 'summary: receipts in 件');
  t.match(d, '读表说明：“95%区间”', 'district: the glossary under the first table');
  t.match(text('summary'), '半年小结', 'summary: title');
  t.match(text('summary'), '特此小结', 'summary: closes as a notice');
});

t.test('others download within their scope and never take a number', async (t) => {
  const { app, repos } = await build(t, { from: await demoDatabase() });
  const round = repos.rounds.list().find((r) => r.period === '2026-09');
  if (!round) throw new Error('the demo has September 2026');
  const grid = await logIn(app, 'wanggeyuan', DEMO_PASSWORD);
  const gridUnit = repos.users.getByUsername('wanggeyuan')?.unitId;
  const code = gridUnit ? repos.units.getById(gridUnit)?.code : undefined;
  const before = repos.documents.nextSeq(2026);
  const own = await grid.get(`/rounds/${round.code}/bulletin.docx?unit=${code}`);
  t.equal(own.statusCode, 200, 'the grid worker downloads their grid\'s bulletin');
  t.equal(repos.documents.nextSeq(2026), before, 'no number taken by a download by a grid worker');
  const other = await grid.get(`/rounds/${round.code}/bulletin.docx?unit=QH`);
  t.equal(other.statusCode, 403, 'not the district\'s');
  t.match(other.body, '没有权限', 'refused in Chinese');
  const missing = await grid.get('/rounds/no-such-round/bulletin.docx');
  t.equal(missing.statusCode, 404);
});
