// Generated rounds for the honesty checks (answer modes, interviewers, coached answers) on the small results
// questionnaire (results-domain.ts SMALL_SURVEY): phone respondents answer from PHONE, web respondents from WEB (rosier
// by a known amount, WEB_MINUS_PHONE), honest interviewers enter what residents say, one interviewer (FABRICATOR)
// fills in rosy uniform interviews in two-minute calls in every round, and one grid (COACHED_GRID) is coached in the
// last round (don't-knows vanish, best answers jump). No don't-knows on Q1–Q3 outside the coached checks' data, so
// R's svymean/svycontrast on a post-stratified design is exactly the product's formula (docs/statistics.md#composite) (see mode-gaps.test.ts).
import { createRng, type Rng } from '../../server/core/stats/rng.js';
import { packChoices } from '../../server/core/survey/choices.js';
import type { Answers, Survey } from '../../server/core/survey/model.js';
import type { ResponseGroup } from '../../server/core/results/subset-estimates.js';
import type { StaffInterview } from '../../server/core/results/interviewer-quality.js';
import type { Repos } from '../../server/platform/repos.js';
import type { Round } from '../../server/core/rounds/round.js';
import type { Unit, UnitRow } from '../../server/core/units/unit.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, PASSWORD, tempDir, type Teardown } from './app.js';
import { SMALL_SURVEY } from './results-domain.js';
import { createRound, openRoundById } from '../../server/features/rounds/rounds-service.js';

/** Option probabilities per question (codes in the questionnaire's order). */
export interface AnswerModel {
  Q1: Record<string, number>;
  Q2: Record<string, number>;
  Q3: Record<string, number>;
}

export const PHONE: AnswerModel = {
  Q1: { A: 0.3, B: 0.35, C: 0.2, D: 0.1, E: 0.05 },
  Q2: { A: 0.35, B: 0.5, C: 0.15 },
  Q3: { Y: 0.6, N: 0.4 },
};
export const WEB: AnswerModel = {
  Q1: { A: 0.4, B: 0.35, C: 0.15, D: 0.07, E: 0.03 },
  Q2: { A: 0.45, B: 0.45, C: 0.1 },
  Q3: { Y: 0.65, N: 0.35 },
};

const SCORES: Record<keyof AnswerModel, Record<string, number>> = {
  Q1: { A: 100, B: 80, C: 50, D: 20, E: 0 },
  Q2: { A: 100, B: 60, C: 0 },
  Q3: { Y: 100, N: 0 },
};

/**
 * The expected composite of a model, by hand from the questionnaire: 0.5·a + 0.2·b + 0.3·c with a = E[Q1 score],
 * b = 100·P(Q1 ∈ {A, B}), c = (E[Q2 score] + E[Q3 score]) / 2. Post-stratification does not move an expectation that
 * is the same in every grid.
 */
export function expectedComposite(m: AnswerModel): number {
  const e = (q: keyof AnswerModel) => Object.entries(m[q]).reduce((s, [c, p]) => s + p * SCORES[q][c], 0);
  return 0.5 * e('Q1') + 0.2 * 100 * (m.Q1.A + m.Q1.B) + 0.3 * ((e('Q2') + e('Q3')) / 2);
}

/** WEB − PHONE in expectation: 0.5·(76.9 − 70) + 0.2·(75 − 65) + 0.3·((72 − 65) + (65 − 60))/2 = 3.45 + 2 + 1.8 = 7.25. */
export const WEB_MINUS_PHONE = expectedComposite(WEB) - expectedComposite(PHONE);

export const FABRICATOR = 3;
export const HONEST = [1, 2, 4, 5];
export const GRIDS = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22];
export const COACHED_GRID = 17;
export const POPULATIONS = new Map(GRIDS.map((h, i) => [h, 800 + 150 * i]));

export interface GeneratedResponse {
  gridId: number;
  mode: 'web' | 'phone' | 'paper';
  interviewerId: number | null;
  answers: Answers;
  choices: string;
  minutes: number | null;
}

function draw(rng: Rng, probs: Record<string, number>): string {
  const codes = Object.keys(probs);
  return rng.weighted(codes, codes.map((c) => probs[c]));
}

function answersFrom(rng: Rng, m: AnswerModel, dontKnow: number): Answers {
  const pick = (q: keyof AnswerModel) => ({ kind: 'choice' as const, codes: [q !== 'Q3' && rng.chance(dontKnow) ? 'X' : draw(rng, m[q])] });
  return { Q1: pick('Q1'), Q2: pick('Q2'), Q3: pick('Q3'), K1: { kind: 'choice', codes: [rng.chance(0.7) ? 'A' : 'B'] } };
}

const ROSY: Answers = { Q1: { kind: 'choice', codes: ['A'] }, Q2: { kind: 'choice', codes: ['A'] }, Q3: { kind: 'choice', codes: ['Y'] }, K1: { kind: 'choice', codes: ['A'] } };

/**
 * One round: per grid `web` web respondents and `phone` phone interviews shared among the interviewers (the
 * fabricator works the first six grids). `dontKnow` is the chance of 说不清/不了解 on Q1 and Q2; `coached` makes
 * COACHED_GRID's residents answer Q1/Q2 without don't-knows and at the best option nine times in ten.
 */
export function generateRound(
  survey: Survey,
  seed: string,
  opts: { web: number; phone: number; dontKnow: number; coached: boolean; gridIds?: readonly number[] },
): GeneratedResponse[] {
  const out: GeneratedResponse[] = [];
  for (const h of opts.gridIds ?? GRIDS) {
    const rng = createRng(seed, h);
    const coached = opts.coached && h === COACHED_GRID;
    const add = (mode: GeneratedResponse['mode'], interviewerId: number | null, answers: Answers, minutes: number | null) =>
      out.push({ gridId: h, mode, interviewerId, answers, choices: packChoices(survey, answers), minutes });
    for (let i = 0; i < opts.web; i++) {
      add('web', null, coached && rng.chance(0.9) ? ROSY : answersFrom(rng, WEB, coached ? 0 : opts.dontKnow), null);
    }
    const crew = GRIDS.indexOf(h) < 6 ? [...HONEST.slice(0, 2), FABRICATOR] : HONEST;
    for (let i = 0; i < opts.phone; i++) {
      const who = crew[i % crew.length];
      if (who === FABRICATOR) add('phone', who, ROSY, rng.uniform(1.5, 2.5));
      else add('phone', who, coached && rng.chance(0.9) ? ROSY : answersFrom(rng, PHONE, coached ? 0 : opts.dontKnow), rng.uniform(6, 14));
    }
  }
  return out;
}

/** Responses grouped as the repository returns them: per grid, mode and interviewer, in response order. */
export function groupsOf(responses: readonly GeneratedResponse[]): ResponseGroup[] {
  const by = new Map<string, ResponseGroup & { list: string[] }>();
  for (const r of responses) {
    const key = `${r.gridId}|${r.mode}|${r.interviewerId ?? ''}`;
    let g = by.get(key);
    if (!g) by.set(key, (g = { gridId: r.gridId, mode: r.mode, interviewerId: r.interviewerId, count: 0, responses: '', list: [] }));
    g.count += 1;
    g.list.push(r.choices);
  }
  return [...by.values()].map(({ list, ...g }) => ({ ...g, responses: list.join(',') }));
}

export function staffInterviews(responses: readonly GeneratedResponse[]): StaffInterview[] {
  return responses.flatMap((r) =>
    r.interviewerId === null ? [] : [{ interviewerId: r.interviewerId, gridId: r.gridId, mode: r.mode, choices: r.choices, minutes: r.minutes }],
  );
}

/**
 * Stores generated responses in a round through the responses repository: generated grid ids map onto real grids
 * (`grids[i]` takes GRIDS[i]'s responses), interviewer ids onto real accounts; a phone interview lasts its minutes
 * from its start to its save.
 */
export function storeGenerated(
  repos: Repos,
  round: { id: number },
  survey: Survey,
  responses: readonly GeneratedResponse[],
  gridOf: (generated: number) => number,
  accountOf: (interviewer: number) => number,
): void {
  const base = Date.parse('2025-03-10T02:00:00Z');
  repos.responses.insertMany(
    responses.map((r, i) => {
      const end = base + i * 60_000 * 20;
      return {
        roundId: round.id,
        gridId: gridOf(r.gridId),
        channel: r.mode,
        status: 'complete' as const,
        answers: { S1: { kind: 'choice' as const, codes: ['1'] }, ...r.answers },
        survey,
        interviewerId: r.interviewerId === null ? null : accountOf(r.interviewerId),
        startedAt: r.minutes === null ? null : new Date(end - r.minutes * 60_000).toISOString(),
        createdAt: new Date(end).toISOString(),
      };
    }),
  );
}

/**
 * Five phone interviewers (grid accounts iv1…iv5 of `gridId`, generated ids 1…5), a committee account and a
 * township account of `townshipId`.
 */
export function honestyAccounts(repos: Repos, password: string, gridId: number, townshipId: number): Map<number, number> {
  repos.users.create({ username: 'committee', displayName: '政法委张三', password, role: 'committee', unitId: null });
  repos.users.create({ username: 'township', displayName: '镇综治中心李四', password, role: 'township', unitId: townshipId });
  const out = new Map<number, number>();
  for (const id of [1, 2, 3, 4, 5]) {
    out.set(id, repos.users.create({ username: `iv${id}`, displayName: `访员${id}`, password, role: 'grid', unitId: gridId }).id);
  }
  return out;
}

export interface HonestyWorld {
  survey: Survey;
  /** Four monthly rounds, oldest first; the last is the one checked. */
  rounds: Round[];
  /** Generated grid id → real grid. */
  grids: Map<number, Unit>;
  townships: Unit[];
  accounts: Map<number, number>;
  /** The generated responses of each round. */
  generated: GeneratedResponse[][];
}

/**
 * A district of two townships (T1: the first six generated grids, where the fabricator works; T2: the other six), the
 * small questionnaire, four open monthly rounds with the scenario's responses (the last one coached), and accounts.
 */
export function honestyWorld(repos: Repos, t: Teardown, password: string, perGrid = { web: 12, phone: 12 }): HonestyWorld {
  const dir = tempDir(t, 'surveys');
  writeFileSync(join(dir, 'test-small.yaml'), SMALL_SURVEY);
  const version = repos.surveys.syncFromDirectory(dir).loaded[0];
  if (!version) throw new Error('test questionnaire not loaded');
  const rows: UnitRow[] = [
    { code: 'D01', name: '示范区', parentCode: null, level: 'district', population: null, households: null },
    { code: 'D01-T1', name: '东城街道', parentCode: 'D01', level: 'township', population: null, households: null },
    { code: 'D01-T2', name: '西山镇', parentCode: 'D01', level: 'township', population: null, households: null },
    { code: 'D01-T1-V1', name: '东门社区', parentCode: 'D01-T1', level: 'village', population: null, households: null },
    { code: 'D01-T2-V1', name: '青山村', parentCode: 'D01-T2', level: 'village', population: null, households: null },
  ];
  GRIDS.forEach((h, i) => {
    const village = i < 6 ? 'D01-T1-V1' : 'D01-T2-V1';
    rows.push({ code: `${village}-G${h}`, name: `第${h}网格`, parentCode: village, level: 'grid', population: POPULATIONS.get(h) ?? null, households: null });
  });
  repos.units.importUnits(rows);
  const get = (code: string): Unit => {
    const u = repos.units.getByCode(code);
    if (!u) throw new Error(`unit ${code}`);
    return u;
  };
  const grids = new Map(GRIDS.map((h, i) => [h, get(`${i < 6 ? 'D01-T1-V1' : 'D01-T2-V1'}-G${h}`)]));
  const townships = [get('D01-T1'), get('D01-T2')];
  const accounts = honestyAccounts(repos, password, grids.get(GRIDS[0])?.id ?? 0, townships[0].id);
  const rounds: Round[] = [];
  const generated: GeneratedResponse[][] = [];
  ['2025-01', '2025-02', '2025-03', '2025-04'].forEach((period, i) => {
    const draft = createRound(repos, { surveyVersionId: version.versionId, period, unitIds: [get('D01').id], quotaPerGrid: 20, minSample: 4 });
    const round = openRoundById(repos, draft.id);
    const responses = generateRound(version.survey, `world-${period}`, { ...perGrid, dontKnow: 0.1, coached: i === 3 });
    storeGenerated(repos, round, version.survey, responses, (h) => grids.get(h)?.id ?? 0, (id) => accounts.get(id) ?? 0);
    rounds.push(round);
    generated.push(responses);
  });
  return { survey: version.survey, rounds, grids, townships, accounts, generated };
}

/** The app over honestyWorld, and its checked round (the last, coached one). */
export async function honestyApp(t: Parameters<typeof build>[0]) {
  let w: HonestyWorld | undefined;
  const built = await build(t, { seed: (r) => void (w = honestyWorld(r, t, PASSWORD)) });
  if (!w) throw new Error('no world');
  return { ...built, w, round: w.rounds[3] };
}

/** The interviewers page's table rows as "访员 … 状态" text, by interviewer name. */
export function interviewerRowsOf(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<tr(?: class="flagged")?>\s*<td>(访员\d)<\/td>([\s\S]*?)<\/tr>/g)) out.set(m[1], m[2]);
  return out;
}
