// A round's responses as the labelled data set the SPSS, Stata and R files and the codebook are written from
// (outputs/data-files/data-set.ts): the same cases, grids and weights as the raw CSV export, for one unit the user
// may see. Interviewers appear as numbers 1, 2, … in the order of their accounts among the round's interviewers: the
// same number in every file of the round, and no name, login or account id in any of them.
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import type { Survey } from '../../core/survey/model.js';
import type { RoundResults, UnitResult } from '../../core/results/types.js';
import { buildDataSet, type DataCase, type DataSet } from '../../outputs/data-files/data-set.js';
import { gridContexts } from './routes/export-context.js';
import type { ExportAnswer, ExportResponse } from './results-repo.js';

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

/** The cases of one round for `unit`, interviewers numbered by `pseudonym`. */
function roundCases(repos: Repos, round: Round, results: RoundResults, unit: UnitResult, pseudonym: Map<number, number>, roundIndex?: number): DataCase[] {
  const units = repos.units.treeOfRound(round);
  const grids = gridContexts(results, unit, (id) => units.byId(id)?.population ?? null);
  const cases: DataCase[] = [];
  for (const { unitId, ctx } of grids) {
    for (const { response, answers } of gridResponsesWithAnswers(repos, round.id, unitId)) {
      const interviewer = response.interviewerId === null ? null : pseudonym.get(response.interviewerId) ?? null;
      cases.push({ response: { ...response, interviewer }, answers, grid: ctx, round: roundIndex });
    }
  }
  return cases;
}

/** Account id → 1, 2, … over the interviewers of all `rounds`, in account order. */
function pseudonymsOf(repos: Repos, rounds: readonly Round[]): Map<number, number> {
  const ids = [...new Set(rounds.flatMap((r) => repos.results.roundInterviewers(r.id)))].sort((a, b) => a - b);
  return new Map(ids.map((id, i) => [id, i + 1]));
}

export function roundDataSet(repos: Repos, round: Round, results: RoundResults, unit: UnitResult, survey: Survey): DataSet {
  const cases = roundCases(repos, round, results, unit, pseudonymsOf(repos, [round]));
  return buildDataSet(survey, `${results.roundCode} ${unit.name} 答卷数据`, cases);
}

/**
 * The months of a half-year summary in one data set: a `round` variable (1 = the earliest month) beside every case,
 * each month's weights from its own grids' populations and interviews, the questionnaire of the last month (a question
 * a month did not ask is missing there). Months in which the unit took no part are left out.
 */
export function windowDataSet(repos: Repos, series: readonly RoundResults[], unitCode: string, survey: Survey, title: string): DataSet {
  const months = series.flatMap((results) => {
    const round = repos.rounds.getByCode(results.roundCode);
    const unit = Object.hasOwn(results.units, unitCode) ? results.units[unitCode] : undefined;
    return round && unit ? [{ round, results, unit }] : [];
  });
  const pseudonym = pseudonymsOf(repos, months.map((m) => m.round));
  const cases = months.flatMap((m, i) => roundCases(repos, m.round, m.results, m.unit, pseudonym, i + 1));
  const rounds = months.map((m) => `${m.round.period} ${m.round.code}`);
  return buildDataSet(survey, title, cases, rounds);
}
