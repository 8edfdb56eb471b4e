// On generated rounds where one interviewer fabricates (rosy answers, one uniform pattern, two-minute calls) and one
// grid is coached in the last round (don't-knows vanish, best answers jump), the fabricator and that grid are marked
// 需核查 and no other (docs/statistics.md#interviewers, docs/statistics.md#coached-answers).
import t from 'tap';
import { parseSurveyText } from '../../../server/core/survey/parse.js';
import { resultsPlan } from '../../../server/core/results/plan.js';
import { DEFAULT_QUALITY_THRESHOLDS, interviewerQuality } from '../../../server/core/results/interviewer-quality.js';
import { coachedAnswers, type GridAnswerSets } from '../../../server/core/results/coached-answers.js';
import { answerTraitsReader, quantile7 } from '../../../server/core/results/answer-traits.js';
import { packChoices } from '../../../server/core/survey/choices.js';
import { SMALL_SURVEY } from '../../kit/results-domain.js';
import { COACHED_GRID, FABRICATOR, GRIDS, HONEST, POPULATIONS, generateRound, groupsOf, staffInterviews, type GeneratedResponse } from '../../kit/honesty-rounds.js';

const survey = parseSurveyText(SMALL_SURVEY, 'surveys/test-small.yaml');
const plan = resultsPlan(survey);
const ROUND = { web: 12, phone: 12, dontKnow: 0.1 };

const rounds = ['r1', 'r2', 'r3', 'r4'].map((seed, i) => generateRound(survey, `honesty-${seed}`, { ...ROUND, coached: i === 3 }));
const current = rounds[3];

t.test('the fabricating interviewer is marked, with the reasons, and no honest one', async (t) => {
  const rows = interviewerQuality({
    interviews: staffInterviews(current),
    groups: groupsOf(current),
    populations: POPULATIONS,
    plan,
    survey,
    callbacks: new Map([[FABRICATOR, { confirmed: 1, notConfirmed: 2 }], [1, { confirmed: 3, notConfirmed: 0 }]]),
    thresholds: DEFAULT_QUALITY_THRESHOLDS,
  });
  t.same(rows.map((r) => r.interviewerId), [1, 2, 3, 4, 5], 'every interviewer with phone interviews');
  const fab = rows.find((r) => r.interviewerId === FABRICATOR);
  t.same(fab?.reasons, ['gap', 'straight', 'allBest', 'short', 'callbacks'], 'rosier beyond noise, uniform, two-minute calls, call-backs 不符');
  t.equal(fab?.straightShare, 1, 'every fabricated interview is straight-lined');
  t.equal(fab?.dontKnowShare, 0, 'and has no don\u2019t-know');
  t.ok((fab?.medianMinutes ?? 99) < 2.5, `median call ${fab?.medianMinutes} minutes`);
  t.equal(fab?.own, 100, 'their composite is the all-best 100');
  for (const id of HONEST) {
    const row = rows.find((r) => r.interviewerId === id);
    t.same(row?.reasons, [], `honest interviewer ${id} is not marked (gap ${row?.gap.value} ± ${row?.gap.se})`);
  }
});

t.test('the coached grid is marked against its own previous rounds, and no other grid', async (t) => {
  const sets: GridAnswerSets[] = GRIDS.map((h) => ({
    gridId: h,
    now: current.filter((r) => r.gridId === h).map((r) => r.choices),
    before: rounds.slice(0, 3).flat().filter((r) => r.gridId === h).map((r) => r.choices),
  }));
  const rows = coachedAnswers(sets, plan, survey);
  t.same(rows.filter((r) => r.marked).map((r) => r.gridId), [COACHED_GRID], 'only the coached grid');
  const c = rows.find((r) => r.gridId === COACHED_GRID);
  t.ok(c?.figures.dontKnow.marked && (c.figures.dontKnow.now ?? 1) === 0, 'its don\u2019t-knows vanished');
  t.ok(c?.figures.best.marked && c.figures.best.change > 0.3, `its best answers jumped by ${c?.figures.best.change}`);
});

t.test('coached figures and their SE by hand on a tiny grid', async (t) => {
  // Two respondents before, two now. Scored questions Q1, Q2, Q3 (asked = 3 each).
  //   before: (A, X, Y) → dk 1/3, best 2/3;  (C, B, N) → dk 0, best 0
  //   now:    (A, A, Y) → dk 0, best 1;      (A, A, Y) → dk 0, best 1
  // dk before mean 1/6, SE = sd/√2 with sd of (1/3, 0) = √(1/18) → SE = 1/6; now SE 0; change −1/6, SE 1/6.
  // pattern: before each pattern once → the first counts 1, share 1/2, SE = √(1/2)/√2 = 1/2; now 1, SE 0.
  const pack = (q1: string, q2: string, q3: string) => packChoices(survey, { Q1: { kind: 'choice', codes: [q1] }, Q2: { kind: 'choice', codes: [q2] }, Q3: { kind: 'choice', codes: [q3] } });
  const [row] = coachedAnswers([{ gridId: 1, before: [pack('A', 'X', 'Y'), pack('C', 'B', 'N')], now: [pack('A', 'A', 'Y'), pack('A', 'A', 'Y')] }], plan, survey);
  t.ok(Math.abs((row?.figures.dontKnow.change ?? NaN) + 1 / 6) < 1e-12, 'dk change −1/6');
  t.ok(Math.abs((row?.figures.dontKnow.se ?? NaN) - 1 / 6) < 1e-12, 'dk SE 1/6');
  t.ok(Math.abs((row?.figures.best.change ?? NaN) - 2 / 3) < 1e-12, 'best change 1 − 1/3');
  t.ok(Math.abs((row?.figures.pattern.change ?? NaN) - 1 / 2) < 1e-12, 'pattern share 1 − 1/2');
  t.ok(Math.abs((row?.figures.pattern.se ?? NaN) - 1 / 2) < 1e-12, 'pattern SE 1/2');
  const traits = answerTraitsReader(plan, survey)(pack('A', 'A', 'Y'));
  t.same([traits.straight, traits.allBest, traits.asked, traits.best], [true, true, 3, 3], 'all 100: straight and all-best');
  t.equal(quantile7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9.1, 'R quantile(1:10, 0.9) = 9.1');
});

t.test('generated data is what the scenario says', async (t) => {
  const fabricated = current.filter((r: GeneratedResponse) => r.interviewerId === FABRICATOR);
  t.ok(fabricated.length > 0 && fabricated.every((r) => r.minutes !== null && r.minutes < 2.5), 'fabricated calls last about two minutes');
});

t.test('a keyer of two rosy paper questionnaires: a gap beyond its noise, but too few interviews to judge', async (t) => {
  // Two identical all-best questionnaires (composite 100, SE 0) in grid 11 against the grid's other respondents: the
  // gap is "real" by the 1.96 rule, yet two interviews say nothing of a habit (docs/statistics.md#interviewers).
  const rosy = current.find((r) => r.interviewerId === FABRICATOR);
  if (!rosy) throw new Error('fixture');
  const keyed: GeneratedResponse[] = [0, 1].map(() => ({ ...rosy, gridId: GRIDS[0], mode: 'paper', interviewerId: 9, minutes: null }));
  const input = {
    interviews: staffInterviews([...current, ...keyed]), groups: groupsOf([...current, ...keyed]), populations: POPULATIONS, plan, survey,
    callbacks: new Map(),
  };
  const keyer = interviewerQuality({ ...input, thresholds: DEFAULT_QUALITY_THRESHOLDS }).find((r) => r.interviewerId === 9);
  t.equal(keyer?.gap.real, true, `gap ${keyer?.gap.value} ± ${keyer?.gap.se}`);
  t.same(keyer?.reasons, [], 'not marked with 2 interviews (fewer than 10)');
  const lowered = interviewerQuality({ ...input, thresholds: { ...DEFAULT_QUALITY_THRESHOLDS, minInterviews: 2 } }).find((r) => r.interviewerId === 9);
  t.same(lowered?.reasons, ['gap', 'straight', 'allBest'], 'marked once the round judges from 2 interviews');
});
