// The round's data for statisticians, checked by the statisticians' own tools on the demo district's latest closed
// round (October 2026), as the committee downloads it: PSPP reads the .sav with its Chinese variable and value labels
// and the don't-know codes as user-missing, and its weighted mean of every item's score is the bulletin's district
// item score; readstat reads the .dta with the same labels (don't-know as .a) and the same weighted means; the R script
// run by Rscript on the CSV reproduces the district composite to 1e-9. None of the three shares code with the server.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { demoMonths } from '../../../kit/demo-bulletin.js';
import { tempDir } from '../../../kit/app.js';
import { xlsxText } from '../../../kit/xlsx.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';
import { ofRound } from '../../../../server/features/surveys/surveys-service.js';

const DISTRICT = 'QH';

/** Σ g·y / Σ g over the rows where both are numbers: the weighted mean, computed here from the file's own values. */
function weightedMean(rows: Array<Record<string, string>>, variable: string): number {
  let sw = 0;
  let swy = 0;
  for (const r of rows) {
    const [g, y] = [Number.parseFloat(r.g), Number.parseFloat(r[variable])];
    if (!Number.isFinite(g) || !Number.isFinite(y)) continue;
    sw += g;
    swy += g * y;
  }
  return swy / sw;
}

t.test('the committee downloads SPSS, Stata and R files and the codebook, and each tool reproduces the bulletin', async (t) => {
  const { october, committee: s, repos } = await demoMonths(t);
  const district = getRoundResults(repos, october).units[DISTRICT];
  const items = Object.entries(district.items).filter(([, e]) => e.value !== null);
  t.ok(items.length >= 5, 'the district has item scores');
  const dir = tempDir(t, 'data-files');
  const download = async (file: string) => {
    const res = await s.get(`/rounds/${october.code}/${file}?unit=${DISTRICT}`);
    t.equal(res.statusCode, 200, `${file} downloads`);
    t.match(String(res.headers['content-disposition']), 'attachment', `${file} is a download`);
    const path = join(dir, file);
    writeFileSync(path, res.rawPayload);
    return path;
  };

  t.test('the codebook page links every file and explains the weight', async (t) => {
    // Handlebars writes = in an attribute as &#x3D;.
    const html = (body: string) => body.replace(/&#x3D;/g, '=');
    const bulletin = await s.get(`/rounds/${october.code}/bulletin?unit=${DISTRICT}`);
    t.match(html(bulletin.body), `/rounds/${october.code}/codebook?unit=${DISTRICT}`, 'the bulletin links the data and codebook');
    const page = await s.get(`/rounds/${october.code}/codebook?unit=${DISTRICT}`);
    t.equal(page.statusCode, 200);
    for (const file of ['data.sav', 'data.dta', 'data.csv', 'data.R', 'codebook.xlsx']) t.match(html(page.body), `${file}?unit=${DISTRICT}`);
    t.match(html(page.body), 'g = N_h / n_h');
    t.match(page.body, '<code>Q1_score</code>');
    t.match(html(page.body), '98 = 说不清', 'value labels with the don\'t-know code');
    const book = await xlsxText(readFileSync(await download('codebook.xlsx')));
    t.match(book, 'Q1_score');
    t.match(book, '综合得分');
  });

  t.test('PSPP: labels, user-missing codes and the weighted item scores', async (t) => {
    const sav = await download('data.sav');
    const scores = items.map(([q]) => `${q}_score`);
    const syntax = [
      'SET TVARS=NAMES.',
      `GET FILE='${sav}'.`,
      'DISPLAY DICTIONARY.',
      // Completed interviews only (a screened-out case has no weight), as an analyst selects them.
      'SELECT IF status = 1.',
      'WEIGHT BY g.',
      'COMPUTE one = 1.',
      `AGGREGATE /OUTFILE=* /BREAK=one ${scores.map((v) => `/m_${v} = MEAN(${v})`).join(' ')}.`,
      `FORMATS ${scores.map((v) => `m_${v}`).join(' ')} (F24.12).`,
      'LIST.',
    ].join('\n');
    writeFileSync(join(dir, 'check.sps'), syntax);
    execFileSync('pspp', ['-o', join(dir, 'pspp.csv'), join(dir, 'check.sps')], { stdio: 'pipe' });
    const out = readFileSync(join(dir, 'pspp.csv'), 'utf8');
    t.match(out, /^Q1,\d+,第3题 治安安全感,/m, 'variable label: printed number and short name, in Chinese');
    t.match(out, /^Q1,.*,98$/m, 'Q1 declares its don\'t-know code 98 user-missing');
    t.match(out, /^,98\[a\],说不清$/m, 'value label of the user-missing code');
    t.match(out, /^township,1,[^\n]*城关街道/m, 'townships labelled with their names');
    const last = out.trim().split('\n').pop() ?? '';
    const means = last.split(',').slice(1).map(Number);
    t.equal(means.length, items.length);
    items.forEach(([q, e], i) => t.ok(Math.abs(means[i] - (e.value ?? NaN)) < 1e-9, `${q}: PSPP ${means[i]} = bulletin ${e.value}`));
  });

  t.test('readstat: the .dta with its labels and the same weighted scores', async (t) => {
    const dta = await download('data.dta');
    execFileSync('extract_metadata', [dta, join(dir, 'dta.json')], { stdio: 'pipe' });
    const meta = JSON.parse(readFileSync(join(dir, 'dta.json'), 'utf8')) as { variables: Array<{ name: string; label?: string; categories?: Array<{ code: number | string; label: string }> }> };
    const q1 = meta.variables.find((v) => v.name === 'Q1');
    t.equal(q1?.label, '第3题 治安安全感', 'printed number (after the two screening questions) and short name');
    t.same(q1?.categories?.find((c) => c.code === '.a')?.label, '说不清', 'don\'t-know as .a, labelled');
    t.equal(meta.variables.find((v) => v.name === 'g')?.label, '权重g（网格人口/网格完成份数）');
    const csv = execFileSync('readstat', [dta, '-'], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8');
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    t.equal(rows.length, district.n + district.screenedOut, 'one case per response');
    for (const [q, e] of items) t.ok(Math.abs(weightedMean(rows, `${q}_score`) - (e.value ?? NaN)) < 1e-9, `${q}: Stata file's weighted mean = bulletin`);
  });

  t.test('R: the script builds the post-stratified design and prints the bulletin composite', async (t) => {
    const csv = await download('data.csv');
    const script = await download('data.R');
    // In the C locale, as on a bare server: the script must not depend on the machine's encoding.
    const out = execFileSync('Rscript', [script, csv], { stdio: 'pipe', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } }).toString('utf8');
    const composite = Number(/^composite (\S+)$/m.exec(out)?.[1]);
    t.ok(Math.abs(composite - (district.composite.value ?? NaN)) < 1e-9, `R ${composite} = bulletin ${district.composite.value}`);
    for (const ix of ofRound(repos, october).indices) {
      const e = district.indices[ix.id];
      if (e.value === null) continue;
      const line = new RegExp(`^${ix.id} .* (\\S+)$`, 'm').exec(out);
      // A rate is reported as a proportion and enters the composite on the 0–100 scale, as the script prints it.
      const scale = ix.kind === 'rate' ? 100 : 1;
      t.ok(line && Math.abs(Number(line[1]) - e.value * scale) < 1e-9, `index ${ix.id}: R ${line?.[1]} = bulletin ${e.value}`);
    }
  });

  t.test('the half-year window: one file of six months, and R gives each month its own composite', async (t) => {
    const query = `survey=${october.surveyKey}&end=${october.period}&unit=${DISTRICT}`;
    const summary = await s.get(`/summary?${query}`);
    t.match(summary.body.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'), `/summary/codebook?${query}`, 'the summary links its data and codebook');
    const page = await s.get(`/summary/codebook?${query}`);
    t.equal(page.statusCode, 200);
    t.match(page.body, '月份（轮次）', 'the codebook lists the month variable');
    const fetch = async (file: string) => {
      const res = await s.get(`/summary/${file}?${query}`);
      t.equal(res.statusCode, 200, `summary ${file}`);
      const path = join(dir, `summary-${file}`);
      writeFileSync(path, res.rawPayload);
      return path;
    };
    const csv = await fetch('data.csv');
    const script = await fetch('data.R');
    const out = execFileSync('Rscript', [script, csv], { stdio: 'pipe', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } }).toString('utf8');
    const months = repos.rounds.list().filter((r) => r.kind === 'monthly' && r.surveyKey === october.surveyKey && r.period <= october.period && r.state === 'closed')
      .sort((a, b) => a.period.localeCompare(b.period)).slice(-6);
    // "round k", then that month's indices, then its composite.
    const printed = out.split(/^round \d+$/m).slice(1).map((chunk) => Number(/^composite (\S+)$/m.exec(chunk)?.[1]));
    t.equal(printed.length, months.length, `one composite per month (${months.length})`);
    months.forEach((round, i) => {
      const want = getRoundResults(repos, round).units[DISTRICT].composite.value ?? NaN;
      t.ok(Math.abs(printed[i] - want) < 1e-9, `${round.period}: R ${printed[i]} = bulletin ${want}`);
    });
    const sav = await fetch('data.sav');
    writeFileSync(join(dir, 'window.sps'), `SET TVARS=NAMES.\nGET FILE='${sav}'.\nFREQUENCIES /VARIABLES=round.\n`);
    execFileSync('pspp', ['-o', join(dir, 'window.csv'), join(dir, 'window.sps')], { stdio: 'pipe' });
    t.match(readFileSync(join(dir, 'window.csv'), 'utf8'), `${october.period} ${october.code}`, 'PSPP reads the month labels');
  });
});
