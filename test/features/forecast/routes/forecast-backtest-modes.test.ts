// Back-testing reports both pools side by side (docs/statistics.md#answer-modes): for each round with an official
// result, the forecast from phone interviews only and the one from every response, against the outcome; the summary
// of each; and which one the settings had the forecast use. Figures by hand from the fixture below.
//
// The small questionnaire's composite is 0.5·Q1 + 0.2·100·[Q1 ∈ {A, B}] + 0.15·Q2 + 0.15·Q3. Every phone respondent of
// a round answers alike, every web respondent answers A, A, Y (composite 100):
//   2025-03: phone B, B, Y → 0.5·80 + 20 + 0.15·60 + 0.15·100 = 84; (phone, web) per grid (2, 2), (3, 1), (1, 3), (2, 0)
//   2025-04: phone A, B, Y → 50 + 20 + 9 + 15 = 94;                    (phone, web) per grid (1, 3), (2, 2), (2, 2), (1, 1)
// Grid populations 1000, 2000, 1500, 500 (5000). A resident of grid h stands for N_h / n_h residents, so the chance
// that a draw from every response is a web respondent is Σ N_h·web_h/n_h / 5000:
//   2025-03: (1000·2/4 + 2000·1/4 + 1500·3/4 + 0) / 5000 = 0.425 → expected 84 + 16·0.425 = 90.8
//   2025-04: (1000·3/4 + 2000·2/4 + 1500·2/4 + 500·1/2) / 5000 = 0.55 → expected 94 + 6·0.55 = 97.3
// A poll of 200 from every response scores 84 + 16·(web share of the sample) (resp. 94 + 6·…), so its sd is
// 16·√(0.425·0.575/200) = 0.5593 (resp. 6·√(0.55·0.45/200) = 0.2111) and the mean of 10,000 simulated polls is within
// 5·sd/100 < 0.03 of the expectation. Its 80% range is about ±1.2816·sd: [90.08, 91.52] and [97.03, 97.57]. From
// phone interviews only every poll scores exactly 84 (resp. 94).
// Official results 91 and 95:
//   phone: errors 84 − 91 = −7, 94 − 95 = −1; mean −4, mean absolute 4; inside the 80% range 0 of 2
//   all:   errors −0.2, +2.3; mean 1.05, mean absolute 1.25; inside 1 of 2 (91 in [90.08, 91.52], 95 below 97.03)
import t from 'tap';
import { build, injectAs, PASSWORD } from '../../../kit/app.js';
import { smallRound } from '../../../kit/results-domain.js';
import type { Answers } from '../../../../server/core/survey/model.js';
import type { Round } from '../../../../server/core/rounds/round.js';
import { closeRoundById, createRound, openRoundById } from '../../../../server/features/rounds/rounds-service.js';

const TOLERANCE = 0.035;

function answers(q1: string, q2: string, q3: string): Answers {
  return { S1: { kind: 'choice', codes: ['1'] }, Q1: { kind: 'choice', codes: [q1] }, Q2: { kind: 'choice', codes: [q2] }, Q3: { kind: 'choice', codes: [q3] }, K1: { kind: 'choice', codes: ['A'] } };
}

/** The row's cells after the round code: period, outcome, phone (4), all (4), used. */
function rowCells(html: string, code: string): string[] {
  const row = new RegExp(`<tr id="backtest-${code}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
  return [...row.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]).slice(1);
}

const num = (text: string | undefined) => Number((text ?? '').replace('+', ''));

t.test('the back-test prints the phone-only and the all-responses forecasts of each round against its outcome', async (t) => {
  const rounds: Round[] = [];
  const { app } = await build(t, {
    seed: (repos) => {
      const s = smallRound(repos, t);
      const second = openRoundById(repos, createRound(repos, { surveyVersionId: s.round.surveyVersionId, period: '2025-04', unitIds: [s.district.id], quotaPerGrid: 5, minSample: 4 }).id);
      const plan: Array<[Round, Answers, Array<[number, number]>]> = [
        [s.round, answers('B', 'B', 'Y'), [[2, 2], [3, 1], [1, 3], [2, 0]]],
        [second, answers('A', 'B', 'Y'), [[1, 3], [2, 2], [2, 2], [1, 1]]],
      ];
      for (const [round, phone, perGrid] of plan) {
        repos.responses.insertMany(perGrid.flatMap(([p, w], i) => [
          ...Array.from({ length: p }, () => ({ roundId: round.id, gridId: s.grids[i].id, channel: 'phone' as const, status: 'complete' as const, answers: phone, survey: s.survey })),
          ...Array.from({ length: w }, () => ({ roundId: round.id, gridId: s.grids[i].id, channel: 'web' as const, status: 'complete' as const, answers: answers('A', 'A', 'Y'), survey: s.survey })),
        ]));
        closeRoundById(repos, round.id);
        rounds.push(round);
      }
      const by = { userId: null, client: null };
      repos.forecast.saveSettings({ surveyKey: 'test-small', sampleSize: 200, windowWeights: [1] }, by);
      repos.forecast.saveOfficialResult({ roundId: s.round.id, score: 91, rank: null }, s.round.code, by);
      repos.forecast.saveOfficialResult({ roundId: second.id, score: 95, rank: 2 }, second.code, by);
      repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    },
  });
  const page = await (await injectAs(app, 'committee')).get('/forecast');
  t.equal(page.statusCode, 200);

  const march = rowCells(page.body, rounds[0].code);
  t.same(march.slice(0, 2), ['2025-03', '91.00']);
  t.same(march.slice(2, 6), ['84.00', '84.00–84.00', '-7.00', '否'], 'phone only: exactly 84, 7 points under the outcome');
  t.ok(Math.abs(num(march[6]) - 90.8) < TOLERANCE, `all responses: ${march[6]} ≈ 90.8`);
  t.ok(Math.abs(num(march[8]) - -0.2) < TOLERANCE, `error ${march[8]} ≈ −0.2`);
  t.equal(march[9], '是', '91 inside [90.08, 91.52]');
  t.equal(march[10], '全部答卷', '8 phone interviews, fewer than 200: the settings used every response');

  const april = rowCells(page.body, rounds[1].code);
  t.same(april.slice(0, 2), ['2025-04', '95.00（第 2 名）']);
  t.same(april.slice(2, 6), ['94.00', '94.00–94.00', '-1.00', '否']);
  t.ok(Math.abs(num(april[6]) - 97.3) < TOLERANCE, `all responses: ${april[6]} ≈ 97.3`);
  t.ok(Math.abs(num(april[8]) - 2.3) < TOLERANCE, `error ${april[8]} ≈ +2.3`);
  t.equal(april[9], '否', '95 below [97.03, 97.57]');

  t.match(page.body, '只用电话访问答卷——比较 2 次：平均误差 -4.00 分（预测减正式结果），平均绝对误差 4.00 分，正式结果落在 80% 区间内的比例 0.0%');
  const all = /全部答卷——比较 2 次：平均误差 (\S+) 分（预测减正式结果），平均绝对误差 (\S+) 分，正式结果落在 80% 区间内的比例 (\S+)。/.exec(page.body);
  t.ok(all && Math.abs(num(all[1]) - 1.05) < TOLERANCE, `mean error ${all?.[1]} ≈ 1.05`);
  t.ok(all && Math.abs(num(all[2]) - 1.25) < TOLERANCE, `mean absolute error ${all?.[2]} ≈ 1.25`);
  t.equal(all?.[3], '50.0%');
});
