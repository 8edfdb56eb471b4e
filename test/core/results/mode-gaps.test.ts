// Mode gap (docs/statistics.md#answer-modes) against R's survey package, run here on the same generated responses:
// each mode over the grids that have both, post-stratified to those grids' populations, svymean of the item columns and
// svycontrast for the composite (0.5·Q1 + 0.2·100·[Q1 ∈ {A, B}] + 0.15·Q2 + 0.15·Q3) and the mean index c; with every
// Q1–Q3 answer substantive this design is exactly the product's formula (docs/statistics.md#composite). gap = web − phone, SE = √(SE_web² + SE_phone²).
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSurveyText } from '../../../server/core/survey/parse.js';
import { resultsPlan } from '../../../server/core/results/plan.js';
import { MODE_LETTERS, modeGaps, modeSplitOf, modeSplitOfGroups, type ModeGap, type ModeSplit } from '../../../server/core/results/mode-gaps.js';
import { RoundTally } from '../../../server/core/results/tally.js';
import { SMALL_SURVEY } from '../../kit/results-domain.js';
import { tempDir } from '../../kit/app.js';
import { GRIDS, POPULATIONS, WEB_MINUS_PHONE, generateRound, groupsOf, type GeneratedResponse } from '../../kit/honesty-rounds.js';

const survey = parseSurveyText(SMALL_SURVEY, 'surveys/test-small.yaml');
const plan = resultsPlan(survey);

const R_SCRIPT = `
suppressMessages(library(survey))
d <- read.csv(Sys.getenv("SAFEPOLL_MODES_CSV"))
side <- function(m, grids) {
  u <- d[d$mode == m & d$grid %in% grids, ]
  nh <- table(u$grid); u$g <- u$pop / as.vector(nh[as.character(u$grid)])
  pops <- unique(u[, c("grid", "pop")]); names(pops) <- c("grid", "Freq")
  des <- postStratify(svydesign(ids = ~1, weights = ~g, data = u), ~grid, pops)
  est <- svymean(~y1 + r1 + y2 + y3, des)
  comp <- svycontrast(est, c(y1 = 0.5, r1 = 0.2, y2 = 0.15, y3 = 0.15))
  c3 <- svycontrast(est, c(y1 = 0, r1 = 0, y2 = 0.5, y3 = 0.5))
  c(coef(comp), SE(comp), coef(est)[["y1"]], SE(est)[["y1"]], coef(c3), SE(c3))
}
for (scope in c("all", "t2")) {
  g <- if (scope == "all") unique(d$grid) else unique(d$grid[d$t2 == 1])
  both <- intersect(unique(d$grid[d$mode == "web" & d$grid %in% g]), unique(d$grid[d$mode == "phone" & d$grid %in% g]))
  w <- side("web", both); p <- side("phone", both)
  cat(scope, sprintf("%.17g", c(w[1] - p[1], sqrt(w[2]^2 + p[2]^2), w[3] - p[3], sqrt(w[4]^2 + p[4]^2), w[5] - p[5], sqrt(w[6]^2 + p[6]^2))), "\\n")
}
`;

const SCORE1: Record<string, number> = { A: 100, B: 80, C: 50, D: 20, E: 0 };
const SCORE2: Record<string, number> = { A: 100, B: 60, C: 0 };

function csv(responses: readonly GeneratedResponse[], township2: ReadonlySet<number>): string {
  const code = (r: GeneratedResponse, q: string) => {
    const a = r.answers[q];
    return a?.kind === 'choice' ? a.codes[0] : '';
  };
  const rows = responses.map((r) => {
    const q1 = code(r, 'Q1');
    return [r.gridId, r.mode, POPULATIONS.get(r.gridId), township2.has(r.gridId) ? 1 : 0, SCORE1[q1], q1 === 'A' || q1 === 'B' ? 100 : 0, SCORE2[code(r, 'Q2')], code(r, 'Q3') === 'Y' ? 100 : 0].join(',');
  });
  return ['grid,mode,pop,t2,y1,r1,y2,y3', ...rows].join('\n') + '\n';
}

/**
 * The modes split in the round's own pass (round-results.ts): every grid's responses in order, each prefixed with its
 * mode's letter, read once by the round's tally and counted in its mode's tally too.
 */
function splitInRoundPass(responses: readonly GeneratedResponse[]): ModeSplit {
  const letterOf = new Map([...MODE_LETTERS].map(([letter, mode]) => [mode as string, letter]));
  const byGrid = new Map<number, string[]>();
  for (const r of responses) {
    const list = byGrid.get(r.gridId) ?? [];
    list.push((letterOf.get(r.mode) ?? '-') + r.choices);
    byGrid.set(r.gridId, list);
  }
  const tally = new RoundTally(plan, survey);
  const parts = tally.splitBy(MODE_LETTERS.keys(), survey);
  for (const h of [...byGrid.keys()].sort((a, b) => a - b)) tally.addGrid(h, byGrid.get(h)?.join(',') ?? '');
  tally.finish();
  return modeSplitOf(parts);
}

function pick(gaps: ModeGap[], index: string): ModeGap {
  const g = gaps.find((x) => x.modes[0] === 'web' && x.modes[1] === 'phone' && x.index === index);
  if (!g) throw new Error(`no web/phone gap for ${index}`);
  return g;
}

t.test('web − phone gap equals R survey (postStratify, svymean, svycontrast) to 1e-9, district and township', async (t) => {
  // One grid web only and one phone only: they are left out of the comparison.
  const responses = [
    ...generateRound(survey, 'modes-R', { web: 40, phone: 30, dontKnow: 0, coached: false }),
    ...generateRound(survey, 'modes-R-web-only', { web: 25, phone: 0, dontKnow: 0, coached: false, gridIds: [23] }),
    ...generateRound(survey, 'modes-R-phone-only', { web: 0, phone: 25, dontKnow: 0, coached: false, gridIds: [24] }),
  ];
  const populations = new Map([...POPULATIONS, [23, 900], [24, 1100]]);
  const township2 = new Set([...GRIDS.slice(6), 24]);
  const dir = tempDir(t, 'modes-r');
  const file = join(dir, 'modes.csv');
  writeFileSync(file, csv(responses, township2));
  const out = execFileSync('Rscript', ['-e', R_SCRIPT], { env: { ...process.env, SAFEPOLL_MODES_CSV: file }, encoding: 'utf8' });
  const lines = new Map(out.trim().split('\n').map((l) => { const [k, ...v] = l.trim().split(/\s+/); return [k, v.map(Number)]; }));

  const groups = groupsOf(responses);
  const scopes: Array<[string, Set<number>]> = [['all', new Set([...GRIDS, 23, 24])], ['t2', township2]];
  // Each mode tallied over the scope's grids alone, once over all grids, or in the round's own pass (as the round's
  // results do for the district and its townships): the same figures.
  const shared = modeSplitOfGroups(groups, plan, survey);
  const inRoundPass = splitInRoundPass(responses);
  const ways = (scope: Set<number>): Array<[string, ModeSplit]> => [
    ['', modeSplitOfGroups(groups.filter((g) => scope.has(g.gridId)), plan, survey)],
    [' (modes tallied once)', shared],
    [' (modes read in the round pass)', inRoundPass],
  ];
  for (const [name, scope, split] of scopes.flatMap(([n, s]) => ways(s).map(([w, split]) => [`${n}${w}`, s, split] as const))) {
    const r = lines.get(name.split(' ')[0]);
    if (!r) throw new Error(`R printed no line for ${name}: ${out}`);
    const gaps = modeGaps(split.counts, scope, populations, plan, survey, split.tallies);
    const expectGrids = name.startsWith('all') ? 12 : 6;
    for (const [index, at] of [['composite', 0], ['a', 2], ['c', 4]] as const) {
      const g = pick(gaps, index);
      t.equal(g.grids, expectGrids, `${name} ${index}: only the grids with both modes`);
      t.ok(Math.abs((g.value ?? NaN) - r[at]) < 1e-9, `${name} ${index}: gap ${g.value} = R ${r[at]}`);
      t.ok(Math.abs((g.se ?? NaN) - r[at + 1]) < 1e-9, `${name} ${index}: SE ${g.se} = R ${r[at + 1]}`);
    }
  }
  t.notOk(modeGaps(shared.counts, new Set([23, 24]), populations, plan, survey, shared.tallies).length, 'no grid with both modes: no gap at all');
});

t.test('the gap recovers the known web − phone difference within its interval', async (t) => {
  t.ok(Math.abs(WEB_MINUS_PHONE - 7.25) < 1e-12, 'the generator is 7.25 points rosier on the web (by hand)');
  // Township 2's grids: no fabricated interviews there, so phone is the honest model.
  const responses = generateRound(survey, 'modes-known', { web: 120, phone: 120, dontKnow: 0.08, coached: false, gridIds: GRIDS.slice(6) });
  const split = modeSplitOfGroups(groupsOf(responses), plan, survey);
  const gap = pick(modeGaps(split.counts, new Set(GRIDS.slice(6)), POPULATIONS, plan, survey, split.tallies), 'composite');
  const half = 1.959963984540054 * (gap.se ?? NaN);
  t.ok(Math.abs((gap.value ?? NaN) - WEB_MINUS_PHONE) < half, `gap ${gap.value} ± ${half} holds 7.25`);
  t.ok(gap.real, 'and it is real (beyond noise)');
  t.same(gap.n, [720, 720], 'counts of each mode');
});
