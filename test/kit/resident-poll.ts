// The poll the resident form and API tests run against: two grids in two townships, the shipped Hunan-style
// questionnaire, and an open round covering the first township only (so the second grid is outside it).
import type { Db } from '../../server/platform/db.js';
import { build, type BuildOptions, type Built } from './app.js';
import type { Repos } from '../../server/platform/repos.js';
import type { Round } from '../../server/core/rounds/round.js';
import type { Survey } from '../../server/core/survey/model.js';
import { paths } from '../../server/paths.js';
import { createRound, openRoundById } from '../../server/features/rounds/rounds-service.js';

export interface Poll {
  round: Round;
  survey: Survey;
  gridCode: string;
  gridId: number;
  gridName: string;
  /** How the page writes the round's period. */
  periodLabel: string;
  /** The free-text question whose answer opens a receipt. */
  suggestionId: string;
  /** A grid the round does not cover. */
  outsideGridCode?: string;
}

const UNITS: Array<[code: string, name: string, parent: string | null, level: string, population: number | null]> = [
  ['T-D', '示范区', null, 'district', null],
  ['T-D01', '东街道', 'T-D', 'township', null],
  ['T-D01-01', '幸福社区', 'T-D01', 'village', null],
  ['T-D01-01-01', '幸福社区第一网格', 'T-D01-01', 'grid', 520],
  ['T-D02', '西镇', 'T-D', 'township', null],
  ['T-D02-01', '西村', 'T-D02', 'village', null],
  ['T-D02-01-01', '西村第一网格', 'T-D02-01', 'grid', 310],
];

export function preparePoll(repos: Repos, db: Db): Poll {
  // Units straight into the schema, so these tests depend on nothing but the repositories they exercise.
  const insert = db.prepare<[string, string, string | null, string, number | null]>(
    'INSERT INTO units (code, name, parent_id, level, population) VALUES (?, ?, (SELECT id FROM units WHERE code = ?), ?, ?)',
  );
  for (const [code, name, parent, level, population] of UNITS) insert.run(code, name, parent, level, population);
  const township = repos.units.getByCode('T-D01');
  const grid = repos.units.getByCode('T-D01-01-01');
  if (!township || !grid) throw new Error('units not stored');

  repos.surveys.syncFromDirectory(paths.surveys);
  const version = repos.surveys.latest('hunan-100');
  if (!version) throw new Error('the shipped hunan-100 questionnaire did not load');
  const suggestion = version.survey.questions.find((q) => q.type === 'text' && q.receipt);
  if (!suggestion) throw new Error('hunan-100 has no suggestion question');

  const draft = createRound(repos, { surveyVersionId: version.versionId, period: '2025-03', unitIds: [township.id] });
  const round = openRoundById(repos, draft.id);
  return {
    round,
    survey: version.survey,
    gridCode: grid.code,
    gridId: grid.id,
    gridName: grid.name,
    periodLabel: '2025年3月',
    suggestionId: suggestion.id,
    outsideGridCode: 'T-D02-01-01',
  };
}

/** The app on a fresh database with the poll prepared; `extra` adds fixtures (staff users…) before the app is built. */
export async function pollApp(
  t: Parameters<typeof build>[0],
  extra?: (repos: Repos, poll: Poll) => void,
  opts: Omit<BuildOptions, 'seed'> = {},
): Promise<Built & { poll: Poll }> {
  let poll: Poll | undefined;
  const built = await build(t, {
    ...opts,
    seed: (repos, db) => {
      poll = preparePoll(repos, db);
      extra?.(repos, poll);
    },
  });
  if (!poll) throw new Error('fixture not prepared');
  return { ...built, poll };
}
