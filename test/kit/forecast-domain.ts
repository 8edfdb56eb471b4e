// Synthetic districts for the forecast tests: grids with populations, each with respondents whose answers to the
// hunan-100 questionnaire lean with the grid's mood, packed as the database stores them.
import { paths } from '../../server/paths.js';
import { loadSurveyFile } from '../../server/features/surveys/survey-files.js';
import { packChoices, RESPONSE_SEPARATOR } from '../../server/core/survey/choices.js';
import type { Answers, Survey } from '../../server/core/survey/model.js';
import { createRng } from '../../server/core/stats/rng.js';
import { compositeLayout } from '../../server/features/forecast/core/layout.js';
import { FrameBuilder, type SampleFrame } from '../../server/features/forecast/core/frame.js';

export function hunan(): Survey {
  return loadSurveyFile(`${paths.surveys}/hunan-100.yaml`).survey;
}

export interface SyntheticGrid {
  id: number;
  area: string;
  population: number | null;
  /** Each respondent's packed choices. */
  responses: string[];
}

/** One respondent: options chosen with a tilt toward the first (best) options when `mood` is high. */
export function randomAnswers(survey: Survey, next: () => number, mood: number): Answers {
  const answers: Answers = {};
  for (const q of survey.questions) {
    if (q.showIf) {
      const prior = answers[q.showIf.question];
      if (prior?.kind !== 'choice' || !prior.codes.some((c) => q.showIf?.anyOf.includes(c))) continue;
    }
    if (q.type === 'text') continue;
    const u = Math.pow(next(), 1 + 3 * mood);
    const at = Math.min(q.options.length - 1, Math.floor(u * q.options.length));
    answers[q.id] = { kind: 'choice', codes: [q.options[at].code] };
  }
  return answers;
}

/** `grids` grids in `areas` areas with `perGrid` respondents each (seeded). */
export function syntheticDistrict(survey: Survey, o: { grids: number; perGrid: number; areas?: number; seed?: string }): SyntheticGrid[] {
  const rng = createRng(o.seed ?? 'forecast-test');
  const areas = o.areas ?? 3;
  return Array.from({ length: o.grids }, (_, g) => {
    const mood = rng.uniform(0.2, 1);
    return {
      id: g + 1,
      area: `A${(g % areas) + 1}`,
      population: 500 + rng.int(0, 2500),
      responses: Array.from({ length: o.perGrid }, () => packChoices(survey, randomAnswers(survey, rng.next, mood))),
    };
  });
}

export const AREA_NAMES: Record<string, string> = { A1: '城关街道', A2: '东山镇', A3: '西河乡' };

export function frameOf(survey: Survey, grids: SyntheticGrid[], weight = 1): SampleFrame {
  const layout = compositeLayout(survey);
  if (!layout) throw new Error('no composite');
  const b = new FrameBuilder(layout);
  b.addRound(roundSource(survey, grids, weight), '测试轮次');
  return b.build();
}

export function roundSource(survey: Survey, grids: SyntheticGrid[], weight = 1) {
  return {
    survey,
    weight,
    populations: new Map(grids.map((g) => [g.id, g.population])),
    areaOf: (id: number) => {
      const code = grids.find((g) => g.id === id)?.area ?? '?';
      return { code, name: AREA_NAMES[code] ?? code };
    },
    eachGrid: (add: (gridId: number, packed: string) => void) => {
      for (const g of grids) if (g.responses.length > 0) add(g.id, g.responses.join(RESPONSE_SEPARATOR));
    },
  };
}
