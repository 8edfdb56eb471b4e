// Ballot-stuffing replays through the real app, as a script does it: each fake is `GET /g/<grid>` with an empty
// cookie jar, then the POST with the served key and the new device cookie, from a client address the test chooses
// (the socket's address: no proxy is trusted). The district: township T-S01 with thirty grids in three villages, and
// township T-S02 with three grids, every grid holding three counted interviews before the attack, so that each
// township has an n the attack must not move.
import type { FastifyInstance } from 'fastify';
import { build, PASSWORD, type Built } from './app.js';
import { FORM, answersOf, completeAnswers, formBody, hiddenField, deviceCookie, shownFor } from './resident.js';
import type { Repos } from '../../server/platform/repos.js';
import type { Round } from '../../server/core/rounds/round.js';
import type { Survey } from '../../server/core/survey/model.js';
import { paths } from '../../server/paths.js';
import { createRound, openRoundById } from '../../server/features/rounds/rounds-service.js';
import { getRoundResults } from '../../server/features/results/round-results.js';
import type { IntegritySettings } from '../../server/features/review/core/settings.js';

export interface StuffingPoll {
  round: Round;
  survey: Survey;
  suggestionId: string;
  /** The thirty grids of township T-S01, then the three of T-S02. */
  targetGrids: string[];
  otherGrids: string[];
}

/** Interviews each grid holds before any attack. */
export const BASELINE_PER_GRID = 3;

function units(): Array<[code: string, name: string, parent: string | null, level: string, population: number | null]> {
  const rows: Array<[string, string, string | null, string, number | null]> = [
    ['T-S', '示范区', null, 'district', null],
    ['T-S01', '东城街道', 'T-S', 'township', null],
    ['T-S02', '西城镇', 'T-S', 'township', null],
  ];
  for (let v = 1; v <= 3; v++) {
    rows.push([`T-S01-0${v}`, `东城第${v}社区`, 'T-S01', 'village', null]);
    for (let g = 1; g <= 10; g++) rows.push([`T-S01-0${v}-${String(g).padStart(2, '0')}`, `东城第${v}社区第${g}网格`, `T-S01-0${v}`, 'grid', 300]);
  }
  rows.push(['T-S02-01', '西城村', 'T-S02', 'village', null]);
  for (let g = 1; g <= 3; g++) rows.push([`T-S02-01-0${g}`, `西城村第${g}网格`, 'T-S02-01', 'grid', 300]);
  return rows;
}

function prepare(repos: Repos, db: Built['db']): StuffingPoll {
  const insert = db.prepare<[string, string, string | null, string, number | null]>(
    'INSERT INTO units (code, name, parent_id, level, population) VALUES (?, ?, (SELECT id FROM units WHERE code = ?), ?, ?)',
  );
  for (const row of units()) insert.run(...row);
  repos.surveys.syncFromDirectory(paths.surveys);
  const version = repos.surveys.latest('hunan-100');
  const district = repos.units.getByCode('T-S');
  const suggestion = version?.survey.questions.find((q) => q.type === 'text' && q.receipt);
  if (!version || !district || !suggestion) throw new Error('stuffing fixture not prepared');
  const round = openRoundById(repos, createRound(repos, { surveyVersionId: version.versionId, period: '2025-03', unitIds: [district.id] }).id);
  const grids = units().filter(([, , , level]) => level === 'grid').map(([code]) => code);
  for (const code of grids) {
    const gridId = repos.units.getByCode(code)?.id ?? 0;
    for (let i = 0; i < BASELINE_PER_GRID; i++) {
      // Phone interviews: no address, so nothing of the baseline is judged or held.
      repos.responses.insert({ roundId: round.id, gridId, channel: 'phone', status: 'complete', survey: version.survey, answers: answersOf(version.survey) });
    }
  }
  repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  return {
    round, survey: version.survey, suggestionId: suggestion.id,
    targetGrids: grids.filter((c) => c.startsWith('T-S01-')), otherGrids: grids.filter((c) => c.startsWith('T-S02-')),
  };
}

export async function stuffingApp(t: Parameters<typeof build>[0]): Promise<Built & { poll: StuffingPoll }> {
  let poll: StuffingPoll | undefined;
  const built = await build(t, { seed: (repos, db) => void (poll = prepare(repos, db)) });
  if (!poll) throw new Error('stuffing fixture not prepared');
  return { ...built, poll };
}

let fakeSeq = 0;

/**
 * One fake as the script sends it: the form opened with an empty cookie jar, then posted with the key and device
 * cookie it served. Each carries a different suggestion, so no answer pattern gives it away. Returns the POST's status.
 */
export async function fakeResponse(app: FastifyInstance, poll: StuffingPoll, gridCode: string, address: string): Promise<number> {
  const page = await app.inject({ method: 'GET', url: `/g/${gridCode}`, remoteAddress: address });
  fakeSeq += 1;
  const plain = completeAnswers(poll.survey, { [poll.suggestionId]: `建议第${fakeSeq}条` });
  const res = await app.inject({
    method: 'POST', url: `/g/${gridCode}`, headers: FORM, cookies: deviceCookie(page), remoteAddress: address,
    payload: formBody(plain, { shown: shownFor(poll.survey, plain), submission_key: hiddenField(page.body, 'submission_key') ?? '' }),
  });
  return res.statusCode;
}

/** The n of a unit in the round's results, as the bulletin and the API read them. */
export function nOf(repos: Repos, poll: StuffingPoll, code: string): number {
  return getRoundResults(repos, poll.round).units[code]?.n ?? 0;
}

/** The n of each township and its rank, before and after: what an attack must not move. */
export function townships(repos: Repos, poll: StuffingPoll): Record<string, { n: number; rank: number | null }> {
  const results = getRoundResults(repos, poll.round);
  const of = (code: string) => ({ n: results.units[code]?.n ?? 0, rank: results.units[code]?.rank ?? null });
  return { 'T-S01': of('T-S01'), 'T-S02': of('T-S02') };
}

/** A replay: its name, how it sends, and how many of its posts may at most be counted without review. */
export interface StuffingReplay {
  name: string;
  send: (app: FastifyInstance, poll: StuffingPoll) => Promise<number[]>;
  maxCounted: (s: IntegritySettings) => number;
}

async function sendAll(app: FastifyInstance, poll: StuffingPoll, posts: Array<[grid: string, address: string]>): Promise<number[]> {
  const statuses: number[] = [];
  for (const [grid, address] of posts) statuses.push(await fakeResponse(app, poll, grid, address));
  return statuses;
}

/** The reproductions of the measured attacks (docs/rules.md#review-across-grids-and-the-round). */
export const STUFFING_REPLAYS: readonly StuffingReplay[] = [
  {
    name: '2 posts into each of a township’s 30 grids from one address',
    send: (app, poll) => sendAll(app, poll, poll.targetGrids.flatMap((g) => [[g, '203.0.113.50'], [g, '203.0.113.50']] as Array<[string, string]>)),
    maxCounted: () => 0,
  },
  {
    name: '150 tries at one grid from one address',
    send: (app, poll) => sendAll(app, poll, Array.from({ length: 150 }, (): [string, string] => [poll.targetGrids[0], '203.0.113.51'])),
    maxCounted: (s) => s.networkMaxPerRound,
  },
  {
    name: '150 tries at one grid from 59 addresses',
    send: (app, poll) => sendAll(app, poll, Array.from({ length: 150 }, (_, i): [string, string] => [poll.targetGrids[0], `198.51.100.${(i % 59) + 1}`])),
    maxCounted: (s) => s.burstMinPerHour,
  },
  {
    name: '2 posts into each of a township’s 30 grids from addresses rotating inside one IPv6 /64',
    send: (app, poll) => sendAll(app, poll, poll.targetGrids.flatMap((g, i) => [0, 1].map((k): [string, string] => [g, `2001:db8:77:5:${(2 * i + k + 1).toString(16)}::1`]))),
    maxCounted: () => 0,
  },
];
