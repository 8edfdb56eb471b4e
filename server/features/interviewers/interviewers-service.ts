// The honesty checks of a round (docs/statistics.md#answer-modes, #interviewers, #coached-answers): what the results,
// the interviewer page and the round's results page ask for. Reads through this capability's repository and asks
// the rounds, units, surveys, callbacks and results services for the rest.
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import type { Survey } from '../../core/survey/model.js';
import type { Unit } from '../../core/units/unit.js';
import { resultsPlan, type ResultsPlan } from '../../core/results/plan.js';
import { roundTree } from '../../core/results/tree.js';
import { codeRecord } from '../../core/results/records.js';
import { modeGaps, type ModeGap, type ModeSplit } from '../../core/results/mode-gaps.js';
import { interviewerQuality, type InterviewerQuality, type StaffInterview } from '../../core/results/interviewer-quality.js';
import { coachedAnswers, type GridCoaching } from '../../core/results/coached-answers.js';
import { checkQualityForm, parseRoundQuality, roundOverrides, type RoundQualitySettings } from './core/thresholds.js';
import type { StaffInterviewRow } from './interviewers-repo.js';
import { interviewerCallbackCounts } from '../callbacks/callbacks-service.js';
import { ofRound } from '../surveys/surveys-service.js';
import { RESPONSE_SEPARATOR } from '../../core/survey/choices.js';

/** Previous rounds a grid's answers are compared with (docs/statistics.md#coached-answers). */
export const COACHED_HISTORY = 3;

function populationsOf(units: readonly Unit[]): Map<number, number | null> {
  return new Map(units.filter((u) => u.level === 'grid').map((u) => [u.id, u.population]));
}

/**
 * The mode gaps of the round's district and townships, by unit code (lower levels have too few of each mode in
 * common to say anything). Called inside the round's results computation, with its units, plan, questionnaire and
 * each mode's tally.
 */
export function modeGapsByUnit(round: Round, units: readonly Unit[], plan: ResultsPlan, survey: Survey, modes: ModeSplit): Record<string, ModeGap[]> {
  const populations = populationsOf(units);
  // Each mode tallied once for the district and all its townships, in the round's own pass (round-results.ts).
  const entries: Array<[string, ModeGap[]]> = [];
  for (const node of roundTree(units, round.unitIds)) {
    if (node.unit.level !== 'district' && node.unit.level !== 'township') continue;
    const gaps = modeGaps(modes.counts, new Set(node.gridIds), populations, plan, survey, modes.tallies);
    if (gaps.length > 0) entries.push([node.unit.code, gaps]);
  }
  return codeRecord(entries);
}

export function roundQualitySettings(repos: Repos, round: Round): RoundQualitySettings {
  return parseRoundQuality(repos.interviewers.settings(round.id));
}

/** The thresholds the round sets itself (the rest are the documented defaults) and the version they were saved as. */
export function roundQualityOverrides(repos: Repos, round: Round): { overrides: Partial<RoundQualitySettings>; version: string | null } {
  return { overrides: roundOverrides(repos.interviewers.settings(round.id)), version: repos.interviewers.settingsVersion(round.id) };
}

export type QualitySave =
  | { kind: 'saved' }
  | { kind: 'invalid'; errors: Map<keyof RoundQualitySettings, string> }
  /** Someone saved the round's thresholds after the form was opened: nothing written. */
  | { kind: 'stale' };

/**
 * The committee's thresholds form (`typed` in the form's units, empty for a default), checked and saved over the
 * version it was filled in against (`basedOn`, '' when the round had none), with its audit entry. The caller has
 * checked the permission.
 */
export function saveRoundQuality(
  repos: Repos, round: Round, userId: number, typed: Partial<Record<keyof RoundQualitySettings, string>>, basedOn: string,
): QualitySave {
  const checked = checkQualityForm(typed);
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
  const before = roundOverrides(repos.interviewers.settings(round.id));
  const saved = repos.interviewers.saveSettings(round, JSON.stringify(checked.overrides), basedOn === '' ? null : basedOn, userId, { before, after: checked.overrides });
  return saved ? { kind: 'saved' } : { kind: 'stale' };
}

/** Minutes of a phone interview: the call's start to end, else the interview's own start to save; null for paper. */
export function interviewMinutes(r: StaffInterviewRow): number | null {
  if (r.mode !== 'phone') return null;
  const start = r.callStartedAt ?? r.startedAt;
  const end = r.callStartedAt ? r.callEndedAt : r.createdAt;
  if (!start || !end) return null;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms >= 0 ? ms / 60_000 : null;
}

export interface InterviewerReport {
  rows: Array<InterviewerQuality & { gridIds: number[] }>;
  settings: RoundQualitySettings;
}

/** Every interviewer of the round with their figures and marks; `units` are the round's units. */
export function interviewerReport(repos: Repos, round: Round, units: readonly Unit[]): InterviewerReport {
  const survey = ofRound(repos, round);
  const plan = resultsPlan(survey);
  const settings = roundQualitySettings(repos, round);
  const raw = repos.interviewers.staffInterviews(round.id);
  const interviews: StaffInterview[] = raw.map((r) => ({ interviewerId: r.interviewerId, gridId: r.gridId, mode: r.mode, choices: r.choices, minutes: interviewMinutes(r) }));
  const rows = interviewerQuality({
    interviews,
    groups: repos.interviewers.responseGroups(round.id),
    populations: populationsOf(units),
    plan,
    survey,
    callbacks: interviewerCallbackCounts(repos, round),
    thresholds: settings,
  });
  const gridsOf = new Map<number, Set<number>>();
  for (const i of interviews) {
    let set = gridsOf.get(i.interviewerId);
    if (!set) gridsOf.set(i.interviewerId, (set = new Set()));
    set.add(i.gridId);
  }
  return { rows: rows.map((r) => ({ ...r, gridIds: [...(gridsOf.get(r.interviewerId) ?? [])].sort((a, b) => a - b) })), settings };
}

/**
 * Each grid's answers this round against its previous rounds of the same questionnaire (`earlier`: newest first, as
 * the results service lists them), marked by the round's thresholds.
 */
export function coachedGrids(repos: Repos, round: Round, earlier: readonly Round[]): GridCoaching[] {
  const survey = ofRound(repos, round);
  const plan = resultsPlan(survey);
  const now = repos.interviewers.gridChoices(round.id);
  const before = new Map<number, string[]>();
  // Only rounds of the same questionnaire version compare answer by answer: packed positions are per version.
  for (const r of earlier.filter((e) => e.surveyVersionId === round.surveyVersionId).slice(0, COACHED_HISTORY)) {
    for (const [h, list] of repos.interviewers.gridChoices(r.id)) {
      const into = before.get(h);
      if (into) into.push(...list);
      else before.set(h, [...list]);
    }
  }
  const sets = [...now].map(([gridId, list]) => ({ gridId, now: list, before: before.get(gridId) ?? [] }));
  return coachedAnswers(sets, plan, survey, roundQualitySettings(repos, round));
}

/**
 * A round's completed phone interviews grid by grid in grid order, as eachCompletedGrid gives every response (the
 * forecast's frame when it rests on phone interviews: docs/statistics.md#answer-modes); returns their count.
 */
export function eachPhoneGrid(repos: Repos, roundId: number, add: (gridId: number, responses: string) => void): number {
  const byGrid = new Map<number, string[]>();
  let count = 0;
  for (const g of repos.interviewers.responseGroups(roundId)) {
    if (g.mode !== 'phone' || g.count === 0) continue;
    count += g.count;
    const list = byGrid.get(g.gridId);
    if (list) list.push(g.responses);
    else byGrid.set(g.gridId, [g.responses]);
  }
  for (const h of [...byGrid.keys()].sort((a, b) => a - b)) add(h, byGrid.get(h)?.join(RESPONSE_SEPARATOR) ?? '');
  return count;
}
