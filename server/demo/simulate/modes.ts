// How the demo's simulated interviews were collected (docs/statistics.md#answer-modes, docs/statistics.md#interviewers):
// residents who scan a poster answer on the web and are a little rosier than those the roster draw reaches by phone
// (self-selection, as real rounds show); phone interviews are made by the township's interviewers, and one of them
// fills interviews in instead of asking (rosier answers, many all at the best option, two-minute calls), so the
// honesty checks have something to find among honest colleagues. In a few grids the grid worker also hands out paper
// questionnaires (to residents without a smartphone) and keys them in: residents chosen by the worker rather than
// self-selected, answering on their own, so about as phone respondents (a hair rosier: the worker is at the door).
import type { Rng } from '../../core/stats/rng.js';
import type { RespondentContext } from './respondents.js';

export interface SimInterviewer {
  /** The staff account that entered the interview. */
  id: number;
  fabricates: boolean;
}

export interface ModePlan {
  /** Staff who phone each grid's residents, by grid id; a grid without any gets phone interviews with no interviewer. */
  interviewers: ReadonlyMap<number, readonly SimInterviewer[]>;
  /** Added to web respondents' latent level (0–1 scale: 0.05 moves the composite about two points, the answer scale being coarser than the latent one). */
  webShift: number;
  /** Grids whose non-phone answers are partly paper questionnaires, with the grid worker's account that keys them. */
  paperKeyers?: ReadonlyMap<number, number>;
  /** Share of those grids' non-phone answers on paper. */
  paperShare?: number;
  /** Added to paper respondents' latent level. */
  paperShift?: number;
}

/** Web respondents' latent lead over phone respondents in the demo. */
export const DEMO_WEB_SHIFT = 0.05;
/** Paper respondents' latent lead over phone respondents in the demo: about 0.4 points, far below the noise. */
export const DEMO_PAPER_SHIFT = 0.01;
/** Share of a paper grid's non-phone answers that come in on paper. */
export const DEMO_PAPER_SHARE = 0.4;
/** A fabricated interview: this much rosier, and this share of them every scored answer at the best option. */
const FABRICATED_SHIFT = 0.1;
const FABRICATED_ALL_BEST = 0.5;

export interface InterviewWay {
  channel: 'web' | 'phone' | 'paper';
  interviewerId: number | null;
  fabricated: boolean;
  /** The respondent's context for this interview. */
  ctx: RespondentContext;
}

/** Who collects one interview of a grid and how that shapes the answers. */
export function interviewWay(modes: ModePlan, gridId: number, byPhone: boolean, ctx: RespondentContext, rng: Rng): InterviewWay {
  if (!byPhone) {
    const keyer = modes.paperKeyers?.get(gridId);
    // Drawn only in paper grids, so the other grids' residents stay exactly as they were.
    if (keyer !== undefined && rng.chance(modes.paperShare ?? 0)) {
      return { channel: 'paper', interviewerId: keyer, fabricated: false, ctx: { ...ctx, level: Math.min(1, ctx.level + (modes.paperShift ?? 0)) } };
    }
    return { channel: 'web', interviewerId: null, fabricated: false, ctx: { ...ctx, level: Math.min(1, ctx.level + modes.webShift) } };
  }
  const staff = modes.interviewers.get(gridId) ?? [];
  const who = staff.length > 0 ? rng.choice(staff) : undefined;
  if (!who?.fabricates) return { channel: 'phone', interviewerId: who?.id ?? null, fabricated: false, ctx };
  const faked: RespondentContext = { ...ctx, level: Math.min(1, ctx.level + FABRICATED_SHIFT), screenOutRate: 0, allBest: rng.chance(FABRICATED_ALL_BEST) };
  return { channel: 'phone', interviewerId: who.id, fabricated: true, ctx: faked };
}

/** Minutes an interview took: web forms 2–6, phone calls 4–9, a filled-in "call" under three. */
export function interviewMinutes(byPhone: boolean, fabricated: boolean, rng: Rng): number {
  if (fabricated) return rng.uniform(1.5, 3);
  return byPhone ? rng.uniform(4, 9) : rng.uniform(2, 6);
}

/** The staff account a grid's unsuccessful call is logged under (any of its interviewers), null when none. */
export function callInterviewer(modes: ModePlan, gridId: number, rng: Rng): number | null {
  const staff = modes.interviewers.get(gridId) ?? [];
  return staff.length > 0 ? rng.choice(staff).id : null;
}
