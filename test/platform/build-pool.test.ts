// Files built in the build worker (server/platform/build-pool.ts) are the files built on the main thread, byte for
// byte — the Word notices (an issued one is stored as built), the workbooks and the ranking picture — from the demo's
// own bulletin and half-year summary; a build that fails or runs out of time is a 503 with a Chinese message, on the
// page as in the function.
import t from 'tap';
import JSZip from 'jszip';
import { build, injectAs } from '../kit/app.js';
import { runBuild, type BuildJob } from '../../server/outputs/build-jobs.js';
import { buildOffLoop, setBuildTimeLimit } from '../../server/platform/build-pool.js';
import { loadBulletin, loadSummary } from '../../server/features/bulletin/routes/bulletin-load.js';
import { bulletinForecast } from '../../server/features/bulletin/bulletin-service.js';
import { previewMarkFor } from '../../server/features/documents/routes/document-mark.js';
import { unitTable } from '../../server/outputs/tables/result-tables.js';
import { roundSurvey } from '../../server/features/bulletin/bulletin-service.js';
import { rankedTableOf, rankingImageSvg } from '../../server/features/bulletin/view-models/bulletin-charts.js';
import { RANKING_IMAGE_WIDTH } from '../../server/outputs/charts/ranking-image.js';
import { demoDatabase } from '../kit/demo-db.js';
import { getRoundResults } from '../../server/features/results/round-results.js';
import { roundDataPlan } from '../../server/features/results/data-files-service.js';
import { buildDataFile, type DataFileFormat } from '../../server/features/results/data-file-job.js';


/**
 * A Word or XLSX file's parts (the entries of its zip), each as bytes, with the two clock readings every build takes
 * set aside: the zip's entry times and docProps/core.xml's created/modified stamps are "now" in the docx and exceljs
 * libraries, so two builds a second apart on the main thread differ there too. Everything else must be equal.
 */
async function parts(file: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(zip.files)) {
    const bytes = await entry.async('nodebuffer');
    out[name] = name === 'docProps/core.xml'
      ? bytes.toString('utf8').replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<)/g, '$1…$3')
      : bytes.toString('base64');
  }
  return out;
}

async function demo(t: Parameters<typeof build>[0]) {
  const { app, repos } = await build(t, { from: await demoDatabase() });
  const user = repos.users.getByUsername('weifa');
  const round = repos.rounds.list().find((r) => r.period === '2026-10');
  if (!user || !round) throw new Error('the demo has its committee account and October 2026');
  return { app, repos, user, round };
}

t.test('every kind of file: the worker builds the bytes the main thread builds', async (t) => {
  const { app, repos, user, round } = await demo(t);
  const bulletin = await loadBulletin(app, user, round.code, undefined);
  const mark = previewMarkFor(app, user, '2026-11-22');
  const summary = await loadSummary(app, user, {});
  if (!summary) throw new Error('the demo has a half-year summary');
  const survey = roundSurvey(repos, round);
  const sheets = bulletin.content.levels.map((l) => ({ name: l.levelLabel, table: unitTable(survey, l.lines) }));
  const table = rankedTableOf(bulletin.content, 'village');
  if (!table) throw new Error('the district bulletin ranks villages');
  const jobs: BuildJob[] = [
    { kind: 'bulletin-docx', content: bulletin.content, view: bulletin.view, mark, forecast: bulletinForecast(repos, user, round, bulletin.unit) },
    { kind: 'summary-docx', view: summary.view, level: summary.unit.level, mark },
    { kind: 'bulletin-xlsx', content: bulletin.content, sheets },
    { kind: 'summary-xlsx', content: summary.content },
    { kind: 'png', svg: rankingImageSvg(bulletin.content, table, '测试区委政法委'), widthPx: RANKING_IMAGE_WIDTH },
  ];
  for (const job of jobs) {
    const here = await runBuild(job);
    const there = await buildOffLoop(job);
    t.ok(here.length > 1000, `${job.kind}: a file was built`);
    if (job.kind === 'png') t.ok(there.equals(here), `png: ${there.length} bytes in the worker, the same bytes as on the main thread`);
    else t.same(await parts(there), await parts(here), `${job.kind}: every part of the file the same, byte for byte`);
  }
  // The data files: read by the worker on its own connection to the same file, written as the main thread writes them.
  const file = repos.results.databaseFile();
  if (file === undefined) throw new Error('the test database is a file');
  const results = getRoundResults(repos, round);
  const plan = roundDataPlan(repos, round, results, bulletin.unit, survey);
  const now = new Date('2026-11-22T10:00:00+08:00');
  for (const format of ['sav', 'dta', 'csv', 'R', 'codebook.xlsx'] satisfies DataFileFormat[]) {
    const job = { kind: 'data-file', format, plan, csvName: 'data.csv', now } as const;
    const here = await buildDataFile(repos, job);
    const there = await buildOffLoop(job, file);
    t.ok(here.length > 1000, `${format}: a file was built`);
    if (format === 'codebook.xlsx') t.same(await parts(there), await parts(here), 'codebook.xlsx: every part the same, byte for byte');
    else t.ok(there.equals(here), `${format}: ${there.length} bytes in the worker, the same bytes as on the main thread`);
  }
});

t.test('a build that fails is a 503 with a Chinese message, and the next build works', async (t) => {
  const bad: BuildJob = { kind: 'png', svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>', widthPx: -1 };
  const err = await buildOffLoop(bad).then(() => null, (e: unknown) => e as { statusCode?: number; message: string; cause?: Error });
  t.equal(err?.statusCode, 503);
  t.match(err?.message, /^文件生成失败，请稍后再试/);
  t.match(String(err?.cause?.message), /width must be a positive number/, 'the worker’s own words go with it, for the log');
  const good = await buildOffLoop({ kind: 'png', svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>', widthPx: 10 });
  t.equal(good.subarray(1, 4).toString('latin1'), 'PNG');
});

t.test('a build that runs out of time: the worker is ended, the Word download is a 503 page in Chinese', async (t) => {
  const { app, round } = await demo(t);
  t.teardown(() => setBuildTimeLimit(undefined));
  setBuildTimeLimit(0.001);
  const staff = await injectAs(app, 'weifa');
  const res = await staff.get(`/rounds/${round.code}/bulletin.docx`);
  t.equal(res.statusCode, 503);
  t.equal(res.headers['retry-after'], '30');
  t.match(res.headers['content-type'], /text\/html/);
  t.match(res.body, '文件生成超时（超过 0.001 秒），请稍后再试');
  setBuildTimeLimit(undefined);
  const again = await staff.get(`/rounds/${round.code}/bulletin.docx`);
  t.equal(again.statusCode, 200, 'with time enough, the next download is built');
  t.equal(again.rawPayload.subarray(0, 2).toString('latin1'), 'PK');
  // The data files go through the same workers and the same limit.
  setBuildTimeLimit(0.001);
  const data = await staff.get(`/rounds/${round.code}/data.sav`);
  t.equal(data.statusCode, 503, 'an SPSS file built in the build worker, within its limit');
  t.equal(data.headers['retry-after'], '30');
  t.match(data.body, '文件生成超时（超过 0.001 秒），请稍后再试');
  setBuildTimeLimit(undefined);
  const sav = await staff.get(`/rounds/${round.code}/data.sav`);
  t.equal(sav.statusCode, 200);
  t.equal(sav.rawPayload.subarray(0, 4).toString('latin1'), '$FL2', 'an SPSS system file');
});
