// Forecast benchmark: the simulated official poll for a district of 2,000 grids (20 hunan-100 respondents
// each, 40,000 responses): building the sampling frame from the packed answers, then 10,000 draws of 200 residents
// (target < 1 s), and the analytic check. A plan search ("what would it take") is timed for information.
import { performance } from 'node:perf_hooks';
import { paths } from '../server/paths.js';
import { loadSurveyFile } from '../server/features/surveys/survey-files.js';
import { packChoices, RESPONSE_SEPARATOR } from '../server/core/survey/choices.js';
import type { Answers, Survey } from '../server/core/survey/model.js';
import { createRng, type Rng } from '../server/core/stats/rng.js';
import { compositeLayout } from '../server/features/forecast/core/layout.js';
import { FrameBuilder } from '../server/features/forecast/core/frame.js';
import { forecastOfficialPoll } from '../server/features/forecast/core/forecast.js';
import { planImprovements } from '../server/features/forecast/core/improve.js';
import { verdict, type Log } from './lib.js';

const GRIDS = 2000;
const PER_GRID = 20;
const DRAWS = 10_000;
const SAMPLE = 200;
const TARGET_MS = 1000;

/** One respondent leaning toward the better (first) options as the grid's mood says. */
function answers(survey: Survey, rng: Rng, mood: number): Answers {
  const out: Answers = {};
  for (const q of survey.questions) {
    if (q.type === 'text') continue;
    if (q.showIf) {
      const prior = out[q.showIf.question];
      if (prior?.kind !== 'choice' || !prior.codes.some((c) => q.showIf?.anyOf.includes(c))) continue;
    }
    const at = Math.min(q.options.length - 1, Math.floor(Math.pow(rng.next(), 1 + 3 * mood) * q.options.length));
    out[q.id] = { kind: 'choice', codes: [q.options[at].code] };
  }
  return out;
}

function districtGrids(survey: Survey): Array<{ id: number; population: number; packed: string }> {
  const rng = createRng('bench-forecast');
  return Array.from({ length: GRIDS }, (_, g) => {
    const mood = rng.uniform(0.2, 1);
    const packed = Array.from({ length: PER_GRID }, () => packChoices(survey, answers(survey, rng, mood))).join(RESPONSE_SEPARATOR);
    return { id: g + 1, population: 500 + rng.int(0, 2500), packed };
  });
}

export async function run(log: Log): Promise<void> {
  const { survey } = loadSurveyFile(`${paths.surveys}/hunan-100.yaml`);
  const layout = compositeLayout(survey);
  if (!layout) throw new Error('hunan-100 has no composite');
  const grids = districtGrids(survey);

  let t0 = performance.now();
  const builder = new FrameBuilder(layout);
  builder.addRound(
    {
      survey,
      weight: 1,
      populations: new Map(grids.map((g) => [g.id, g.population])),
      areaOf: (id) => ({ code: `T${id % 20}`, name: `基准镇${id % 20}` }),
      eachGrid: (add) => grids.forEach((g) => add(g.id, g.packed)),
    },
    '基准轮次',
  );
  const frame = builder.build();
  const frameMs = performance.now() - t0;

  // One warm-up run, as a server would have run the code before.
  forecastOfficialPoll(frame, { sampleSize: SAMPLE, draws: 200, seed: 'warm' }, []);
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { forecast } = forecastOfficialPoll(frame, { sampleSize: SAMPLE, draws: DRAWS, seed: 'bench' }, []);
  const drawMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const s = forecast.spread;
  const a = forecast.analytic;
  log(`district: ${GRIDS} grids, ${frame.size} responses, ${layout.columns.length} composite columns`);
  log(`frame from packed answers: ${frameMs.toFixed(0)} ms`);
  log(`${DRAWS.toLocaleString('en-US')} draws of ${SAMPLE}: ${drawMs.toFixed(0)} ms (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; target < ${TARGET_MS} ms) ${drawMs < TARGET_MS ? 'PASS' : 'MISSED'}`);
  log(`  mean ${s?.mean.toFixed(3)} (analytic ${a?.mean.toFixed(3)}), sd ${s?.sd.toFixed(3)} (analytic ${a?.sd.toFixed(3)})`);
  log(`  80% ${s?.range80.map((x) => x.toFixed(2)).join('–')}, 95% ${s?.range95.map((x) => x.toFixed(2)).join('–')}`);

  t0 = performance.now();
  const target = Math.ceil((s?.mean ?? 0) + 1);
  const plan = planImprovements(frame, survey, { sampleSize: SAMPLE, draws: DRAWS, seed: 'bench', target: { kind: 'score', score: target }, wanted: 0.8, peers: [] });
  const planMs = performance.now() - t0;
  log(`plan for ${target} with 80%: ${plan.status}, ${plan.residents} residents in ${plan.items.length} items, check ${((plan.check?.probability ?? 0) * 100).toFixed(1)}%: ${planMs.toFixed(0)} ms (${verdict(plan.status !== 'unreachable')})`);
  if (drawMs >= TARGET_MS) process.exitCode = 1;
}
