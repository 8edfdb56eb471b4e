// Simulated respondents for an open round: per grid, residents drawn around the grid's latent satisfaction level,
// some reached by phone (with the refusals, non-contacts and unknown numbers that phone work really takes), the rest
// answering the resident link. Stored through the same repositories and checks as real responses, so the bulletin,
// the receipts and the benchmarks see exactly what real collection would give them: the receipts the domain's rules
// open (features/receipts/core/rules.ts), and the round's state checked inside the write transaction. Simulation is not a
// collection channel, so the round's channels only shape it (the phone share) rather than refuse it.
import type { Repos } from '../platform/repos.js';
import type { Round } from '../core/rounds/round.js';
import type { NewResponse } from '../features/responses/responses-repo.js';
import type { NewCall } from '../features/phone-interviews/calls-repo.js';
import type { Unit } from '../core/units/unit.js';
import type { Survey } from '../core/survey/model.js';
import { withReceipts } from '../features/receipts/core/rules.js';
import { createRng, hashSeed, type Rng } from '../core/stats/rng.js';
import { SimulationError, simulateRespondent } from './simulate/respondents.js';
import { allocate, defaultAwareness, defaultLevel, gridTargets, itemShifts, unsuccessfulCalls } from './simulate/plan.js';
import { periodMonthIndex, periodWindow, randomTimeIn, type TimeWindow } from './simulate/timing.js';
import { ofRound } from '../features/surveys/surveys-service.js';
import { callInterviewer, interviewMinutes, interviewWay, type ModePlan } from './simulate/modes.js';

export interface SimulateOptions {
  /**
   * Respondents to generate over the whole round (completes and screen-outs). Default: each grid is filled up to
   * about its quota (a few fall short of the minimum, as real grids do).
   */
  n?: number;
  /** Same seed, same respondents. Default: derived from the round and the responses it already has. */
  seed?: number;
  /** Month index for the default levels' month-to-month drift; default: the round's period. */
  month?: number;
  /**
   * Latent satisfaction (0–1) per grid: a function of the grid's code, or a map by unit id (a grid's own entry, else
   * its village's). Grids without one get a default level (mid 80s, stable per village and grid, drifting by month).
   */
  levels?: GridLevels;
  /** Interviews are dated inside the round's period and never after this moment. Default: now. */
  now?: Date;
  /**
   * Roster contacts per grid id (server/demo/roster.ts): each phone call of a grid then dials one of them, a
   * different one for every call of the round, so the AAPOR rates come from calls on real roster rows. Calls past a
   * grid's roster, or of grids without one, have no contact.
   */
  contacts?: ReadonlyMap<number, readonly number[]>;
  /**
   * Realistic answer modes (server/demo/simulate/modes.ts): the non-phone answers come in on the web (rosier), the
   * phone interviews carry their interviewer. Without it they are stored as channel 'simulated', with no interviewer.
   */
  modes?: ModePlan;
}

export interface SimulateSummary {
  /** Responses stored (completes and screen-outs). */
  responses: number;
  screenedOut: number;
  /** Phone call records stored. */
  calls: number;
}

export type GridLevels = ((gridCode: string) => number | undefined) | ReadonlyMap<number, number>;

interface Pending {
  response: NewResponse;
  at: number;
}

/** Share of a grid's interviews done by phone when the round uses both channels. */
function phoneShare(round: Round, rng: Rng): number {
  const phone = round.channels.includes('phone');
  const other = round.channels.some((c) => c !== 'phone');
  if (!phone) return 0;
  return other ? rng.uniform(0.2, 0.6) : 1;
}

function givenLevel(levels: GridLevels | undefined, grid: Unit): number | undefined {
  if (levels === undefined) return undefined;
  if (typeof levels === 'function') return levels(grid.code);
  return levels.get(grid.id) ?? (grid.parentId === null ? undefined : levels.get(grid.parentId));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** What a run produces before it is stored: the responses, which of them were phone interviews, the failed calls. */
interface Batch {
  pending: Pending[];
  phoneCalls: Array<{ gridId: number; index: number }>;
  extraCalls: NewCall[];
}

interface GridPlan {
  round: Round;
  survey: Survey;
  seed: number;
  month: number;
  window: TimeWindow;
  levels?: GridLevels;
  modes?: ModePlan;
}

/** One grid's respondents, drawn until `more` says stop, added to the batch. */
function simulateGrid(repos: Repos, plan: GridPlan, grid: Unit, more: (made: number, complete: number) => boolean, batch: Batch): void {
  const { round, survey, window } = plan;
  const parent = grid.parentId === null ? undefined : repos.units.getById(grid.parentId);
  const villageCode = parent?.code ?? null;
  const level = givenLevel(plan.levels, grid) ?? defaultLevel(grid.code, villageCode, plan.month);
  const ctx = { level, awareness: defaultAwareness(level, villageCode), itemShifts: itemShifts(survey, villageCode) };
  const rng = createRng(plan.seed, round.code, grid.code);
  const share = phoneShare(round, rng);
  let phoneCompletes = 0;
  let complete = 0;
  let made = 0;
  while (more(made, complete)) {
    // With modes the mode is drawn first, since it shapes the answers; without, the original order is kept.
    const early = plan.modes ? rng.chance(share) : undefined;
    const way = plan.modes && early !== undefined ? interviewWay(plan.modes, grid.id, early, ctx, rng) : undefined;
    const respondent = simulateRespondent(survey, way?.ctx ?? ctx, rng);
    made++;
    const byPhone = early ?? rng.chance(share);
    const at = randomTimeIn(window, rng);
    const minutes = interviewMinutes(byPhone, way?.fabricated ?? false, rng);
    if (respondent.status === 'complete') complete++;
    if (byPhone) {
      batch.phoneCalls.push({ gridId: grid.id, index: batch.pending.length });
      if (respondent.status === 'complete') phoneCompletes++;
    }
    batch.pending.push({
      at,
      response: {
        roundId: round.id,
        gridId: grid.id,
        channel: way?.channel ?? (byPhone ? 'phone' : 'simulated'),
        interviewerId: way?.interviewerId ?? null,
        status: respondent.status,
        answers: respondent.answers,
        survey,
        // A keyed paper questionnaire has no start: the resident filled it in on paper (as the paper entry page stores it).
        startedAt: way?.channel === 'paper' ? null : iso(Math.max(window.start, at - minutes * 60_000)),
        createdAt: iso(at),
      },
    });
  }
  for (const disposition of unsuccessfulCalls(phoneCompletes, rng)) {
    const interviewerId = plan.modes ? callInterviewer(plan.modes, grid.id, rng) : null;
    batch.extraCalls.push({ roundId: round.id, gridId: grid.id, disposition, interviewerId, createdAt: iso(randomTimeIn(window, rng)) });
  }
}

/** Gives each call of a grid its own contact, starting at a place in the roster that moves from round to round. */
function assignContacts(round: Round, calls: NewCall[], contacts: ReadonlyMap<number, readonly number[]>): void {
  const used = new Map<number, number>();
  for (const call of calls) {
    const roster = contacts.get(call.gridId) ?? [];
    const k = used.get(call.gridId) ?? 0;
    used.set(call.gridId, k + 1);
    if (k >= roster.length) continue;
    call.contactId = roster[(hashSeed(round.code, call.gridId) + k) % roster.length];
  }
}

/** Stores the batch in time order, so response ids follow the order residents answered in; then the calls. */
function storeInTimeOrder(repos: Repos, round: Round, batch: Batch, contacts?: ReadonlyMap<number, readonly number[]>): SimulateSummary {
  const { pending } = batch;
  const order = pending.map((p, i) => i).sort((a, b) => pending[a].at - pending[b].at || a - b);
  const position = new Map(order.map((original, sorted) => [original, sorted]));
  const ids = repos.responses.insertMany(order.map((i) => withReceipts(pending[i].response)));
  const calls: NewCall[] = batch.phoneCalls.map(({ gridId, index }) => {
    const r = pending[index].response;
    const responseId = ids[position.get(index) ?? -1];
    const disposition = r.status === 'complete' ? 'complete' : 'not_eligible';
    // The call lasts as long as the interview it produced (docs/statistics.md#interviewers measures it so).
    return { roundId: round.id, gridId, disposition, interviewerId: r.interviewerId ?? null, responseId, startedAt: r.startedAt, endedAt: r.createdAt, createdAt: r.createdAt };
  });
  // One by one: spreading 200,000 calls into push() overflows the call stack (arguments live on the stack).
  for (const call of batch.extraCalls) calls.push(call);
  calls.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
  if (contacts) assignContacts(round, calls, contacts);
  const written = repos.calls.insertMany(calls);
  const screenedOut = pending.filter((p) => p.response.status === 'screened_out').length;
  return { responses: ids.length, screenedOut, calls: written };
}

export function simulateRound(repos: Repos, round: Round, opts: SimulateOptions = {}): SimulateSummary {
  if (round.state !== 'open') throw new SimulationError(`轮次 ${round.code} 不在进行中，不能生成模拟答卷`);
  const survey = ofRound(repos, round);
  const grids = repos.rounds.gridIds(round).map((id) => repos.units.getById(id)).filter((u): u is Unit => u !== undefined);
  if (grids.length === 0) return { responses: 0, screenedOut: 0, calls: 0 };

  const existing = repos.responses.countByGrid(round.id);
  let already = 0;
  for (const c of existing.values()) already += c.complete + c.screenedOut;
  // Without a seed, a second run meets new residents (the seed moves with the responses already stored) while the
  // grids' targets stay those of the round.
  const plan: GridPlan = {
    round,
    survey,
    seed: opts.seed ?? hashSeed(round.code, already),
    month: opts.month ?? periodMonthIndex(round.period),
    window: periodWindow(round.period, opts.now ?? new Date()),
    levels: opts.levels,
    modes: opts.modes,
  };
  const planRng = createRng(opts.seed ?? hashSeed(round.code), round.code, 'plan');
  const targets = gridTargets(grids.map((g) => g.code), round.quotaPerGrid, round.minSample, planRng);
  // With n given, n respondents are spread over the grids in proportion to their targets; otherwise each grid is
  // worked until it has its target of completed interviews (counting those already stored).
  const budgets = opts.n === undefined ? undefined : allocate(opts.n, targets);
  const wanted = targets.map((target, i) => Math.max(0, target - (existing.get(grids[i].id)?.complete ?? 0)));

  const batch: Batch = { pending: [], phoneCalls: [], extraCalls: [] };
  grids.forEach((grid, i) => {
    // The cap only matters for a questionnaire that screens nearly everyone out.
    const more = (made: number, complete: number): boolean =>
      budgets ? made < budgets[i] : complete < wanted[i] && made < 5 * wanted[i] + 20;
    simulateGrid(repos, plan, grid, more, batch);
  });
  return storeInTimeOrder(repos, round, batch, opts.contacts);
}
