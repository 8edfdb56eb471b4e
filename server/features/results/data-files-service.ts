// A round's responses as the labelled data set the SPSS, Stata and R files and the codebook are written from
// (outputs/data-files/data-set.ts): the same cases, grids and weights as the raw CSV export, for one unit the user
// may see. Interviewers appear as numbers 1, 2, … in the order of their accounts among the round's interviewers: the
// same number in every file of the round, and no name, login or account id in any of them.
// In two steps: the plan (which rounds, which grids with their weights — a few milliseconds, in the request) and the
// reading of every response and answer it names (a whole round, or six for a half-year: the part that held the event
// loop), done by the build worker on its own connection (data-file-job.ts, platform/build-pool.ts).
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import type { Survey } from '../../core/survey/model.js';
import type { RoundResults, UnitResult } from '../../core/results/types.js';
import { buildDataSet, type DataCase, type DataSet } from '../../outputs/data-files/data-set.js';
import type { GridContext } from '../../outputs/tables/responses-table.js';
import { gridContexts } from './routes/export-context.js';
import type { ExportAnswer, ExportResponse } from './results-repo.js';

/** What a data set is read from: plain data, so that it crosses to the build worker unchanged. */
export interface DataSetPlan {
  survey: Survey;
  title: string;
  months: Array<{ roundId: number; grids: Array<{ unitId: number; ctx: GridContext }> }>;
  /** Set for a data set of several months: each month's label, and a `round` variable beside every case. */
  rounds?: string[];
}

/** A grid's responses in the round, each with its own answers (read with one query each, merged in id order). */
export function* gridResponsesWithAnswers(repos: Repos, roundId: number, gridId: number): Generator<{ response: ExportResponse; answers: ExportAnswer[] }> {
  const answers = repos.results.gridAnswers(roundId, gridId);
  let at = 0;
  for (const response of repos.results.gridResponses(roundId, gridId)) {
    while (at < answers.length && answers[at].responseId < response.id) at++;
    const start = at;
    while (at < answers.length && answers[at].responseId === response.id) at++;
    yield { response, answers: answers.slice(start, at) };
  }
}

/** The cases of one month of the plan, interviewers numbered by `pseudonym`. */
function monthCases(repos: Repos, month: DataSetPlan['months'][number], pseudonym: Map<number, number>, roundIndex?: number): DataCase[] {
  const cases: DataCase[] = [];
  for (const { unitId, ctx } of month.grids) {
    for (const { response, answers } of gridResponsesWithAnswers(repos, month.roundId, unitId)) {
      const interviewer = response.interviewerId === null ? null : pseudonym.get(response.interviewerId) ?? null;
      cases.push({ response: { ...response, interviewer }, answers, grid: ctx, round: roundIndex });
    }
  }
  return cases;
}

/** Account id → 1, 2, … over the interviewers of all `roundIds`, in account order. */
function pseudonymsOf(repos: Repos, roundIds: readonly number[]): Map<number, number> {
  const ids = [...new Set(roundIds.flatMap((id) => repos.results.roundInterviewers(id)))].sort((a, b) => a - b);
  return new Map(ids.map((id, i) => [id, i + 1]));
}

/** The grids of `unit` in `round`, weighted by the populations the round was opened with (its frozen coverage). */
function monthOf(repos: Repos, round: Round, results: RoundResults, unit: UnitResult): DataSetPlan['months'][number] {
  const units = repos.units.treeOfRound(round);
  return { roundId: round.id, grids: gridContexts(results, unit, (id) => units.byId(id)?.population ?? null) };
}

export function roundDataPlan(repos: Repos, round: Round, results: RoundResults, unit: UnitResult, survey: Survey): DataSetPlan {
  return { survey, title: `${results.roundCode} ${unit.name} 答卷数据`, months: [monthOf(repos, round, results, unit)] };
}

/**
 * The months of a half-year summary in one data set: a `round` variable (1 = the earliest month) beside every case,
 * each month's weights from its own grids' populations and interviews, the questionnaire of the last month (a question
 * a month did not ask is missing there). Months in which the unit took no part are left out.
 */
export function windowDataPlan(repos: Repos, series: readonly RoundResults[], unitCode: string, survey: Survey, title: string): DataSetPlan {
  const months = series.flatMap((results) => {
    const round = repos.rounds.getByCode(results.roundCode);
    const unit = Object.hasOwn(results.units, unitCode) ? results.units[unitCode] : undefined;
    return round && unit ? [{ round, month: monthOf(repos, round, results, unit) }] : [];
  });
  return { survey, title, months: months.map((m) => m.month), rounds: months.map((m) => `${m.round.period} ${m.round.code}`) };
}

/** Every case the plan names, read in one read transaction (every month as of the same moment). */
export function dataSetOf(repos: Repos, plan: DataSetPlan): DataSet {
  return repos.results.snapshot(() => {
    const pseudonym = pseudonymsOf(repos, plan.months.map((m) => m.roundId));
    const several = plan.rounds !== undefined;
    const cases = plan.months.flatMap((m, i) => monthCases(repos, m, pseudonym, several ? i + 1 : undefined));
    return buildDataSet(plan.survey, plan.title, cases, plan.rounds);
  });
}
