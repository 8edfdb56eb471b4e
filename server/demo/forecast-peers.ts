// The demo's forecast settings: the official poll follows hunan-100 with 200 residents, the two latest closed months
// are pooled (0.6 / 0.4), eight fictional peer districts carry "published" scores spread around the demo's own
// forecast (so the rank chances are not all 0 or 1), and two past official results sit near the forecasts of their
// months for the back-test. Everything derives from the seeded demo data through fixed offsets: same seed, same numbers.
import type { Repos } from '../platform/repos.js';
import { CLI_ACTOR } from '../core/auth/actor.js';
import { computeForecast } from '../features/forecast/forecast.js';

const PEERS: ReadonlyArray<[string, number]> = [
  ['东岭区', 3.12], ['南溪县', 1.87], ['西坪县', 0.93], ['北塘区', 0.21],
  ['青石县', -0.58], ['白沙湾区', -1.46], ['柳河县', -2.71], ['云台县', -4.05],
];

/** Official outcome − forecast of the month, for the two half-year official polls of the demo. */
const OFFICIAL_OFFSETS: ReadonlyArray<[number, number]> = [[1, -0.74], [4, 0.52]];

const SEED_DRAWS = 200;

export function seedForecastDemo(repos: Repos, surveyKey: string, log: (line: string) => void): void {
  repos.forecast.saveSettings({ surveyKey, sampleSize: 200, windowWeights: [0.6, 0.4] }, CLI_ACTOR);
  // Only the expected score is needed here: the analytic mean, with a token number of draws to keep seeding quick.
  const state = computeForecast(repos, { draws: SEED_DRAWS });
  if (!state.ok || !state.forecast.analytic) return;
  const mean = state.forecast.analytic.mean;
  const published = '演示数据';
  const peers = PEERS.map(([name, offset]) => ({ name, score: Math.round((mean + offset) * 100) / 100, sd: null, published }));
  repos.forecast.savePeers(peers, CLI_ACTOR, 'forecast.peers.import');
  const closed = repos.rounds
    .list()
    .filter((r) => r.state === 'closed' && r.kind === 'monthly' && r.surveyKey === surveyKey)
    .sort((a, b) => (a.period < b.period ? -1 : 1));
  for (const [at, offset] of OFFICIAL_OFFSETS) {
    const round = closed[at];
    if (!round) continue;
    const then = computeForecast(repos, { asOf: round, draws: SEED_DRAWS });
    if (!then.ok || !then.forecast.analytic) continue;
    const score = Math.round((then.forecast.analytic.mean + offset) * 100) / 100;
    repos.forecast.saveOfficialResult({ roundId: round.id, score, rank: null }, round.code, CLI_ACTOR);
  }
  log(`  正式民调预测：预计 ${mean.toFixed(2)} 分，${PEERS.length} 个同类区县（演示）`);
}
