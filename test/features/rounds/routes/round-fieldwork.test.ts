// The round page's field-work sections: sweep progress by category and grid and AAPOR per unit and interviewer, from
// a hand-built roster and call history; grid staff see only their grid's part.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import type { Repos } from '../../../../server/platform/repos.js';
import type { Db } from '../../../../server/platform/db.js';
import type { CallDisposition } from '../../../../server/core/calls/call.js';
import { fieldWorld, type FieldWorld } from '../../../kit/fieldwork.js';
import { openRound } from '../../../kit/fixtures.js';
import { SubmissionService, directSink } from '../../../../server/features/responses/submissions.js';
import { gradedAnswers, surveyOf } from '../../../kit/bulletin.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';

function contact(db: Db, gridId: number, category: string, status = 'active'): number {
  const n = Number(db.prepare('SELECT COUNT(*) FROM contacts').pluck().get());
  return Number(db.prepare(
    `INSERT INTO contacts (grid_id, phone_enc, phone_hash, phone_masked, category, status, created_at)
     VALUES (?, 'sealed', ?, '139****0000', ?, ?, '2025-01-01T00:00:00Z')`,
  ).run(gridId, `h${n}`, category, status).lastInsertRowid);
}

/**
 * Grid 0: 常住居民 a (no answer, then complete), b (refusal), c (拒绝再访, not called); 企业 d (complete), e (not called).
 * Grid 7: 常住居民 f (non-contact). Plus one call without a roster number in grid 0 (complete).
 */
function history(repos: Repos, db: Db, w: FieldWorld): void {
  const [g0, g7] = [w.district.grids[0].id, w.district.grids[7].id];
  const a = contact(db, g0, '常住居民'); const b = contact(db, g0, '常住居民'); contact(db, g0, '常住居民', 'do_not_call');
  const d = contact(db, g0, '企业'); contact(db, g0, '企业'); const f = contact(db, g7, '常住居民');
  const call = (gridId: number, contactId: number | null, interviewerId: number, disposition: CallDisposition) =>
    ({ roundId: w.round.id, gridId, contactId, interviewerId, disposition });
  repos.calls.insertMany([
    call(g0, a, w.users.grid, 'non_contact'), call(g0, b, w.users.grid, 'refusal'), call(g0, a, w.users.grid2, 'complete'),
    call(g0, d, w.users.grid, 'complete'), call(g7, f, w.users.township, 'non_contact'), call(g0, null, w.users.grid, 'complete'),
  ]);
}

function tableRows(html: string, caption: string): string[][] {
  const table = html.split(`<caption>${caption}</caption>`)[1]?.split('</table>')[0] ?? '';
  return [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].slice(1).map((m) => [...m[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').replace(/　/g, '').trim()));
}

t.test('sweep progress by category and grid, and AAPOR per unit and interviewer, on the round page', async (t) => {
  let w: FieldWorld | undefined;
  const { app } = await build(t, { seed: (repos, db) => { w = fieldWorld(repos, { kind: 'sweep' }); history(repos, db, w); } });
  if (!w) throw new Error('no world');
  const s = await logIn(app, 'committee', PASSWORD);
  const page = await s.get(`/rounds/${w.round.code}`);
  t.equal(page.statusCode, 200);
  t.match(page.body, '半年普测回访进度');
  // One denominator, the roster: 2 of the 6 numbers completed. 完成访问 is no longer a duplicate column.
  t.match(page.body, /id="sweep-headline">已回访 <strong>2 \/ 6 户（33.3%）<\/strong>/);
  // Categories in pinyin order; label, roster, callable, attempted, coverage, then the 7 other dispositions
  t.same(tableRows(page.body, '按号码类别'), [
    ['常住居民', '4', '3', '3', '1 / 4 户（25.0%）', '0', '1', '1', '0', '0', '0', '0'],
    ['企业', '2', '2', '1', '1 / 2 户（50.0%）', '0', '0', '0', '0', '0', '0', '0'],
    ['合计', '6', '5', '4', '2 / 6 户（33.3%）', '0', '1', '1', '0', '0', '0', '0'],
  ]);
  t.notMatch(page.body, '<th scope="col" class="num">完成访问</th>', 'no duplicate of the 已回访 column');
  // Township and village subtotals; each village folds its grids.
  t.same(tableRows(page.body, '按乡镇（街道）').map((r) => r.slice(0, 5)), [
    ['东城街道', '5', '4', '3', '2 / 5 户（40.0%）'],
    ['西山镇', '1', '1', '1', '0 / 1 户（0.0%）'],
  ]);
  t.equal(page.body.match(/<details class="sweep-village">/g)?.length, 4, 'one folded section per village');
  t.match(page.body, '<details class="aapor-units">', 'a sweep\'s rates by unit are folded too (not open)');
  t.match(page.body, /<summary><strong>东门社区<\/strong><span class="muted">（东城街道）<\/span> · 已回访 2 \/ 5 户（40.0%） · 2 个网格<\/summary>/);
  const dongmen = tableRows(page.body, '东门社区各网格');
  t.same(dongmen.map((r) => r.slice(0, 5)), [
    ['D01-T1-V1-G1 东门社区第一网格', '5', '4', '3', '2 / 5 户（40.0%）'],
    ['D01-T1-V1-G2 东门社区第二网格', '0', '0', '0', '0 / 0 户（—）'],
    ['东门社区', '5', '4', '3', '2 / 5 户（40.0%）'],
  ]);
  t.same(tableRows(page.body, '绿水村各网格')[1].slice(1, 5), ['1', '1', '1', '0 / 1 户（0.0%）']);

  // Cases: grid 0 — a complete (grid2), b refusal (grid), d complete (grid), the number-less call complete (grid);
  // grid 7 — f non-contact (township). RR1, RR3, RR6, COOP1, REF2, CON1.
  const byInterviewer = tableRows(page.body, '按访问员');
  t.same(byInterviewer, [
    ['township名', '1', '0.0%', '0.0%', '0.0%', '—', '0.0%', '0.0%'],
    ['grid名', '3', '66.7%', '66.7%', '66.7%', '66.7%', '33.3%', '100.0%'],
    ['grid2名', '1', '100.0%', '100.0%', '100.0%', '100.0%', '0.0%', '100.0%'],
  ], 'in interviewer order');
  // Each rate column is named in Chinese with its AAPOR code, and a line says what it means.
  t.match(page.body, /<th scope="col" class="num">应答率（最严）<br><span class="small muted">RR1<\/span><\/th>/, 'RR1 headed in Chinese');
  t.match(page.body, /<li><strong>合作率<\/strong>（COOP1）：接通并找到合格受访者后，同意并完成访问的比例。<\/li>/, 'COOP1 explained');
  const byUnit = tableRows(page.body, '按单位');
  t.same(byUnit.map((r) => [r[0], r[2], r[3]]), [
    ['东城街道', '4', '75.0%'], ['东门社区', '4', '75.0%'], ['东门社区第一网格', '4', '75.0%'],
    ['西山镇', '1', '0.0%'], ['绿水村', '1', '0.0%'], ['绿水村第二网格', '1', '0.0%'],
  ]);

  const grid = await logIn(app, 'grid', PASSWORD);
  const own = await grid.get(`/rounds/${w.round.code}`);
  t.same(tableRows(own.body, '按单位').map((r) => r[0]), ['东门社区第一网格'], 'grid staff see their grid only');
  t.notMatch(own.body, 'township名', 'and not the interviewers of other grids');
  t.same(tableRows(own.body, '按号码类别').map((r) => r.slice(0, 3)), [['常住居民', '3', '2'], ['企业', '2', '2'], ['合计', '5', '4']]);
});

t.test('the half-year summary reports the sweep by roster category', async (t) => {
  let w: FieldWorld | undefined;
  const { app } = await build(t, { seed: async (repos, db) => {
    w = fieldWorld(repos);
    // Minimum sample 2: both categories are scored (below it a category shows 样本不足).
    const sweep = openRound(repos, 'hunan-100', { kind: 'sweep', minSample: 2 });
    const service = new SubmissionService(db, repos, directSink(repos));
    const survey = surveyOf(repos, sweep);
    const grid = w.district.grids[0].id;
    const interview = async (category: string, q1: string) => {
      const contactId = contact(db, grid, category);
      const answers = { ...gradedAnswers(survey, 'best'), Q1: { kind: 'choice' as const, codes: [q1] } };
      const outcome = await service.submit({ round: sweep, gridId: grid, survey, channel: 'phone', answers, contactId, interviewerId: w?.users.grid });
      if (outcome.kind !== 'stored') throw new Error(outcome.kind);
    };
    for (const q1 of ['A', 'B', 'C']) await interview('企业', q1);
    for (const q1 of ['A', 'A']) await interview('常住居民', q1);
    closeRoundById(repos, w.round.id);
  } });
  if (!w) throw new Error('no world');
  const s = await logIn(app, 'committee', PASSWORD);
  const res = await s.get(`/summary?survey=hunan-100&end=${w.round.period}`);
  t.equal(res.statusCode, 200);
  const rows = tableRows(res.body, '按号码类别（各类别内等权计算）');
  // Column 1 is now the category's coverage of the roster; these interviews have no call records.
  t.same(rows.map((r) => [r[0], r[1], r[2], r[3]]), [['常住居民', '0 / 2 户（0.0%）', '2', '100.00'], ['企业', '0 / 3 户（0.0%）', '3', '91.83']], 'composite 0.35·76.67 + 65 for the firms');
});
