// Finds what a resident link points at: the grid, the round open for it and the questionnaire of that round.
// Each way of not finding it is a named error the error handler turns into a clear Chinese page.
import type { Repos } from '../../platform/repos.js';
import type { Unit } from '../../core/units/unit.js';
import type { Round } from '../../core/rounds/round.js';
import type { SurveyVersion } from '../../core/survey/model.js';
import { GridNotFound, GridNotInRound, NoOpenRound, RoundClosed, RoundNotFound, RoundNotOpen } from '../../web/errors.js';
import { versionOfRound } from '../surveys/surveys-service.js';
import { isInviteOnly } from '../invites/invites-service.js';

export interface ResidentContext {
  grid: Unit;
  /** The grid's ancestors below the district, e.g. [township, village]: shown above the form. */
  place: Unit[];
  round: Round;
  version: SurveyVersion;
  /** Residents answer only with a one-time household code (features/invites); absent: open to every link. */
  inviteOnly?: boolean;
}

/** The grid's ancestors below the district, from the in-memory tree (no query per ancestor). */
function placeOf(repos: Repos, grid: Unit): Unit[] {
  return repos.units.ancestors(grid.id).filter((u) => u.level !== 'district');
}

function gridByCode(repos: Repos, gridCode: string): Unit {
  // A Map lookup: codes such as `__proto__` or `constructor` are simply unknown grids.
  const grid = repos.units.getByCode(gridCode);
  if (!grid || grid.level !== 'grid') throw new GridNotFound(gridCode);
  return grid;
}

function refuseUnlessOpen(round: Round): void {
  if (round.state === 'closed') throw new RoundClosed();
  if (round.state === 'draft') throw new RoundNotOpen();
}

/** The open round of a grid link (/g/:gridCode); says whether the grid's latest round is closed or not yet open. */
export function residentContext(repos: Repos, gridCode: string): ResidentContext {
  const grid = gridByCode(repos, gridCode);
  const round = repos.rounds.openRoundForGrid(grid.id);
  if (!round) {
    const latest = repos.rounds.latestForGrid(grid.id);
    if (latest) refuseUnlessOpen(latest);
    throw new NoOpenRound();
  }
  const place = placeOf(repos, grid);
  return { grid, place, round, version: versionOfRound(repos, round), inviteOnly: isInviteOnly(repos, round.id) };
}

/** A round named by code (the JSON API) and one of its grids, for a submission. */
export function submissionContext(repos: Repos, roundCode: string, gridCode: string): ResidentContext {
  const round = repos.rounds.getByCode(roundCode);
  if (!round) throw new RoundNotFound(roundCode);
  refuseUnlessOpen(round);
  const grid = gridByCode(repos, gridCode);
  if (!repos.rounds.coversGrid(round, grid.id)) throw new GridNotInRound(gridCode);
  const place = placeOf(repos, grid);
  return { grid, place, round, version: versionOfRound(repos, round), inviteOnly: isInviteOnly(repos, round.id) };
}
