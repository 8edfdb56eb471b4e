// The one place a bulletin or a half-year summary is gathered: the round's results with its previous rounds (changes,
// their verdicts and the six-month trend), the call-backs, a sweep's reach of the roster, the half-year's sweep and
// the forecast. The page, print, Word, XLSX/CSV and the ranking image all format what these functions return;
// nothing else assembles a bulletin, so no output can drop the previous round and print a change without its verdict.
import { modeGapSection } from '../../core/results/mode-gap-wording.js';
import { ownEntry } from '../../core/results/records.js';
import type { Repos } from '../../platform/repos.js';
import type { StaffUser } from '../../core/auth/staff.js';
import type { Round } from '../../core/rounds/round.js';
import type { RoundResults, UnitResult } from '../../core/results/types.js';
import type { Survey } from '../../core/survey/model.js';
import { coverageOf } from '../../core/results/sweep-coverage.js';
import { isMonthPeriod, Period } from '../../core/time/period.js';
import { ofRound } from '../surveys/surveys-service.js';
import { getResultsSeries, getRoundResults } from '../results/round-results.js';
import { resultsReady } from '../results/results-ready.js';
import { summaryInWorker } from '../results/live-results.js';
import { sweepCategoryResults, sweepCoverageOf } from '../sweep/sweep-results.js';
import { roundCallbackTally } from '../callbacks/callbacks-service.js';
import { canUseForecast } from '../forecast/core/access.js';
import { forecastSummaryReady, keptForecastSummary } from '../forecast/forecast-summaries.js';
import { forecastSectionOf, type ForecastSectionView } from '../forecast/view-models/forecast-section.js';
import { bulletinContent } from './core/content.js';
import type { BulletinContent } from './core/content-types.js';
import { summaryContent, type SummaryContent } from './core/summary-content.js';
import { rankedResults } from './core/model-ranking.js';

/** Months a bulletin's trend and a half-year summary cover. */
const SERIES_MONTHS = 6;

/** The round's questionnaire (the surveys capability's one lookup). */
export function roundSurvey(repos: Repos, round: Round): Survey {
  return ofRound(repos, round);
}

/** A round's results, prepared off the event loop first with its earlier months: what the unit is looked up in. */
export async function bulletinResults(repos: Repos, round: Round): Promise<RoundResults> {
  await resultsReady(repos, round, SERIES_MONTHS);
  return getRoundResults(repos, round);
}

/** The monthly bulletin (一月一通报) of `unit` in `round` (call bulletinResults first: its results are ready). */
export function bulletinFor(repos: Repos, round: Round, unit: UnitResult): BulletinContent {
  const series = getResultsSeries(repos, round, SERIES_MONTHS);
  // A sweep is measured against the roster, not a quota: the same line as its round page and the summary.
  const sweepCoverage = round.kind === 'sweep' ? coverageOf(sweepCoverageOf(repos, round, unit.code).total) : null;
  // Villages and grids ranked by the model estimate when the round says so (core/model-ranking.ts).
  const current = series[series.length - 1];
  const previous = series.find((r) => r.roundCode === current.previousRoundCode) ?? null;
  const ranked = rankedResults(current, previous, round.rankingEstimate ?? 'direct');
  const survey = roundSurvey(repos, round);
  const content = bulletinContent({
    round,
    survey,
    results: ranked.results,
    series: [...series.slice(0, -1), ranked.results],
    unit: ranked.results.units[unit.code] ?? unit,
    callbacks: roundCallbackTally(repos, round),
    sweepCoverage,
  });
  // Mode gap (docs/statistics.md#answer-modes): district and township bulletins, one sentence and a small table.
  const modeGaps = modeGapSection(current.modeGaps ? ownEntry(current.modeGaps, unit.code) : undefined, survey);
  return { ...content, smallArea: ranked.smallArea, modeGaps };
}

/**
 * The forecast section of a monthly bulletin (docs/rules.md#bulletins): only on the district's own bulletin of a
 * closed round (the forecast rests on closed rounds), and only for those who may see the forecast (the committee).
 */
export function bulletinForecast(repos: Repos, user: StaffUser, round: Round, unit: UnitResult): ForecastSectionView | null {
  if (round.state !== 'closed' || unit.level !== 'district' || !canUseForecast(user)) return null;
  return forecastSectionOf(keptForecastSummary(repos, round.code));
}

/** Prepares bulletinForecast's summary off the event loop (features/forecast/forecast-summaries.ts). */
export async function bulletinForecastReady(repos: Repos, user: StaffUser, round: Round, unit: UnitResult): Promise<void> {
  if (round.state === 'closed' && unit.level === 'district' && canUseForecast(user)) await forecastSummaryReady(repos, round.code);
}

/** The monthly rounds of the half-year ending with `end`, oldest first (at least `end` itself). */
export async function summarySeries(repos: Repos, end: Round): Promise<RoundResults[]> {
  await resultsReady(repos, end, SERIES_MONTHS);
  return seriesEndingWith(repos, end);
}

function seriesEndingWith(repos: Repos, end: Round): RoundResults[] {
  const found = getResultsSeries(repos, end, SERIES_MONTHS);
  return found.length > 0 ? found : [getRoundResults(repos, end)];
}

/** summaryFor of the unit `unitCode` of the half-year ending with the round `endRoundId`, all read here (the results worker). */
export function summaryOf(repos: Repos, endRoundId: number, unitCode: string): SummaryContent {
  const end = repos.rounds.getById(endRoundId);
  if (!end) throw new Error(`round ${endRoundId} not found`);
  const series = seriesEndingWith(repos, end);
  const unit = series[series.length - 1].units[unitCode];
  if (!unit) throw new Error(`unit ${unitCode} not in round ${end.code}`);
  return summaryFor(repos, end, series, unit);
}

/**
 * summaryFor computed in the results worker: its half-year rank ranges (2,000 simulated rankings of each level) and
 * the rest held the event loop 45–120 ms as the first half-year summary (bench/event-loop.ts, demo district, 2 shared
 * cores, 2026-12-07). The worker reads the same committed data, so the content is the one computed here; an in-memory
 * database, or a worker that fails, computes it here, as before.
 */
export async function summaryOffLoop(repos: Repos, end: Round, series: RoundResults[], unit: UnitResult): Promise<SummaryContent> {
  try {
    return await summaryInWorker(repos, end.id, unit.code);
  } catch {
    return summaryFor(repos, end, series, unit);
  }
}

/**
 * The roster sweep of the half-year: a sweep round whose month lies within the summary's months, or whose period
 * names that half-year (2026-H2).
 */
function halfYearSweep(repos: Repos, periods: string[]): { round: Round; results: RoundResults; survey: Survey } | null {
  const first = periods[0];
  const last = periods[periods.length - 1];
  const halves = new Set(periods.map((p) => String(Period.parse(p)?.halfYear())));
  const round = repos.rounds
    .list()
    .find((r) => r.kind === 'sweep' && r.state !== 'draft' && ((r.period >= first && r.period <= last && isMonthPeriod(r.period)) || halves.has(r.period)));
  if (!round) return null;
  return { round, results: getRoundResults(repos, round), survey: roundSurvey(repos, round) };
}

/** The half-year summary (半年一小结) of `unit` over `series` (from summarySeries), with the half-year's sweep. */
export function summaryFor(repos: Repos, end: Round, series: RoundResults[], unit: UnitResult): SummaryContent {
  const sweep = halfYearSweep(repos, series.map((r) => r.period));
  return summaryContent({
    survey: roundSurvey(repos, end),
    series,
    unit,
    sweep: sweep && {
      ...sweep,
      categories: sweepCategoryResults(repos, sweep.round, sweep.survey, unit.code),
      coverage: sweepCoverageOf(repos, sweep.round, unit.code),
    },
  });
}
