// The field-work sections of a round's page: AAPOR rates per township, village, grid and interviewer from the call
// records (domain/calls/aapor-breakdown.ts, the same rows and formula as the bulletin), and for a half-year sweep its
// progress by roster category and grid (domain/sweep/progress.ts). Only units in the user's scope are shown.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../domain/auth/staff.js';
import type { Round } from '../../../domain/rounds/round.js';
import type { AaporRates } from '../../../domain/results/types.js';
import { LEVEL_LABELS } from '../../../domain/units/unit.js';
import { CALL_DISPOSITIONS, DISPOSITION_LABELS } from '../../../domain/calls/call.js';
import { aaporByInterviewer, aaporByUnit } from '../../../domain/calls/aapor-breakdown.js';
import { sweepProgress, type SweepLine } from '../../../domain/sweep/progress.js';
import { rate } from '../../view-models/numbers.js';
import { canSeeUnit } from '../../../domain/auth/scope.js';
import { roundGridsInScope } from './context.js';

/** The rates a round page shows of each unit or interviewer (the bulletin prints all of them for the round). */
export const ROUND_PAGE_RATES = ['RR1', 'RR3', 'RR6', 'COOP1', 'REF2', 'CON1'] as const;

function rateCells(r: AaporRates): string[] {
  return ROUND_PAGE_RATES.map((k) => rate(r[k]));
}

function aaporSections(app: FastifyInstance, user: StaffUser, round: Round, gridIds: readonly number[]) {
  const inScope = new Set(gridIds);
  const rows = app.repos.calls.finalDispositionRows(round.id).filter((r) => inScope.has(r.gridId));
  if (rows.length === 0) return null;
  const units = app.repos.units.treeOfRound(round).all();
  const tree = app.repos.units.tree();
  // A unit above the user's scope would show only the user's part of it under its whole name: left out.
  const byUnit = aaporByUnit(units, rows, round.eligibilityE).filter((u) => canSeeUnit(user, u.unit.id, tree)).map((u) => ({
    name: u.unit.name,
    code: u.unit.code,
    level: LEVEL_LABELS[u.unit.level],
    indent: u.unit.level === 'village' ? 1 : u.unit.level === 'grid' ? 2 : 0,
    cases: u.cases,
    cells: rateCells(u.rates),
  }));
  const byInterviewer = aaporByInterviewer(rows, round.eligibilityE).map((i) => {
    const staff = i.interviewerId === null ? undefined : app.repos.users.getById(i.interviewerId);
    return { name: staff ? staff.displayName : '（未记录访问员）', cases: i.cases, cells: rateCells(i.rates) };
  });
  return { rateNames: ROUND_PAGE_RATES, byUnit, byInterviewer };
}

function sweepRow(label: string, line: SweepLine) {
  return {
    label,
    roster: line.roster,
    target: line.target,
    attempted: line.attempted,
    completed: line.completed,
    completion: rate(line.completion),
    dispositions: CALL_DISPOSITIONS.map((d) => line.dispositions[d]),
  };
}

function sweepSection(app: FastifyInstance, round: Round, gridIds: readonly number[]) {
  const progress = sweepProgress(gridIds, app.repos.fieldwork.rosterCounts(gridIds), app.repos.calls.finalDispositionRows(round.id));
  return {
    dispositionNames: CALL_DISPOSITIONS.map((d) => DISPOSITION_LABELS[d]),
    total: sweepRow('合计', progress.total),
    byCategory: progress.byCategory.map((c) => sweepRow(c.category, c)),
    byGrid: progress.byGrid
      .map((g) => ({ grid: app.repos.units.getById(g.gridId), line: g }))
      .sort((a, b) => (a.grid?.code ?? '').localeCompare(b.grid?.code ?? ''))
      .map((g) => sweepRow(g.grid ? `${g.grid.code} ${g.grid.name}` : String(g.line.gridId), g.line)),
  };
}

/** What the round page adds for field work; `sweep` only on rounds of kind sweep. */
export function roundFieldwork(app: FastifyInstance, user: StaffUser, round: Round) {
  const gridIds = roundGridsInScope(app, user, round);
  return {
    fieldAapor: aaporSections(app, user, round, gridIds),
    sweep: round.kind === 'sweep' ? sweepSection(app, round, gridIds) : null,
  };
}
