// The sweep's results by roster category, each one unit with equal weights (docs/statistics.md#roster-categories).
import t, { type Test } from 'tap';
import { join } from 'node:path';
import { paths } from '../../../../server/paths.js';
import { loadSurveyFile } from '../../../../server/features/surveys/survey-files.js';
import { packChoices, RESPONSE_SEPARATOR } from '../../../../server/core/survey/choices.js';
import { categoryResults } from '../../../../server/features/sweep/core/by-category.js';
import type { Answers, Survey } from '../../../../server/core/survey/model.js';
import { answersOf } from '../../../kit/bulletin.js';

const survey: Survey = loadSurveyFile(join(paths.surveys, 'hunan-100.yaml')).survey;

function withQ1(code: string): Answers {
  return { ...answersOf(survey, 'best'), Q1: { kind: 'choice', codes: [code] } };
}

const packed = (list: Answers[]) => list.map((a) => packChoices(survey, a)).join(RESPONSE_SEPARATOR);

const near = (t: Test, actual: number | null | undefined, expected: number, what: string) =>
  t.ok(actual != null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≈ ${expected}`);

t.test('a category\'s item mean, its s/√n error and the linearised composite', async (t) => {
  const firms = [withQ1('A'), withQ1('B'), withQ1('C')];
  const residents = [withQ1('A'), withQ1('A')];
  const results = categoryResults(survey, [
    { category: '企业', n: 3, packed: packed(firms) },
    { category: '常住居民', n: 2, packed: packed(residents) },
    { category: '学校', n: 0, packed: '' },
  ]);
  t.same(results.map((r) => r.category), ['常住居民', '企业'], 'pinyin order, empty categories left out');
  const firm = results[1];
  t.equal(firm.n, 3);
  // Q1 scores 100, 80, 50: mean 76.667; SE = √(3/2 · Σe²)/3 with Σe² = 1266.667.
  near(t, firm.indices.safety.value, 230 / 3, 'safety mean');
  near(t, firm.indices.safety.se, Math.sqrt(1.5 * (3800 / 3)) / 3, 'safety SE');
  // Every other item is at 100 with no spread: C = 0.35·76.667 + 0.65·100, SE(C) = 0.35·SE(safety).
  near(t, firm.composite.value, 0.35 * (230 / 3) + 65, 'composite');
  near(t, firm.composite.se, 0.35 * (Math.sqrt(1.5 * (3800 / 3)) / 3), 'composite SE');
  near(t, firm.indices.safety_rate.value, 1, 'all three are A/B/C: safety rate 1');
  const residentsResult = results[0];
  near(t, residentsResult.composite.value, 100, 'residents all at the best answer');
  t.equal(residentsResult.composite.se, 0);
});

t.test('a category\'s intervals stay on the scale, and below the minimum sample it is insufficient', async (t) => {
  // Two interviews, safety 100 and 50: t(0.975, 1) = 12.71 makes the raw interval 75 ± 317.7, far off the scale.
  const [few] = categoryResults(survey, [{ category: '重点人群', n: 2, packed: packed([withQ1('A'), withQ1('C')]) }], 3);
  t.equal(few.insufficient, true, 'two completed, minimum three');
  near(t, few.indices.safety.value, 75, 'the estimate itself is unchanged');
  t.equal(few.indices.safety.lo, 0);
  t.equal(few.indices.safety.hi, 100);
  t.ok((few.composite.lo ?? -1) >= 0 && (few.composite.hi ?? 101) <= 100, `composite ${few.composite.lo}–${few.composite.hi} on 0–100`);
  for (const ix of survey.indices.filter((i) => i.kind === 'rate')) {
    const e = few.indices[ix.id];
    t.ok(e.lo === null || (e.lo >= 0 && (e.hi ?? 0) <= 1), `${ix.id} on 0–1`);
  }
  const [enough] = categoryResults(survey, [{ category: '企业', n: 3, packed: packed([withQ1('A'), withQ1('B'), withQ1('C')]) }], 3);
  t.equal(enough.insufficient, false);
});
