// The field-work sections of a round's page: AAPOR rates per township, village, grid and interviewer from the call
// records (core/calls/aapor-breakdown.ts, the same rows and formula as the bulletin), and for a half-year sweep its
// coverage of the roster by category, township, village and grid (features/sweep/sweep-results.ts). Only units in the
// user's scope are shown.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import type { AaporRates } from '../../../core/results/types.js';
import { AAPOR_PLAIN } from '../../../core/results/aapor-labels.js';
import { LEVEL_LABELS } from '../../../core/units/unit.js';
import { CALL_DISPOSITIONS, DISPOSITION_LABELS } from '../../../core/calls/call.js';
import { aaporByInterviewer, aaporByUnit } from '../../../core/calls/aapor-breakdown.js';
import type { SweepLine } from '../../../core/results/sweep-progress.js';
import { coverageOf, coverageText, type AreaCoverage } from '../../../core/results/sweep-coverage.js';
import { sweepCoverage } from '../../sweep/sweep-results.js';
import { finalDispositionRows } from '../../phone-interviews/phone-interviews-service.js';
import { rate } from '../../bulletin/view-models/numbers.js';
import { canSeeUnit } from '../../../core/auth/scope.js';
import { roundGridsInScope } from '../../../web/staff/context.js';
import { staffName } from '../../accounts/accounts-service.js';

/** The rates a round page shows of each unit or interviewer (the bulletin prints all of them for the round). */
export const ROUND_PAGE_RATES = ['RR1', 'RR3', 'RR6', 'COOP1', 'REF2', 'CON1'] as const;

function rateCells(r: AaporRates): string[] {
  return ROUND_PAGE_RATES.map((k) => rate(r[k]));
}

function aaporSections(app: FastifyInstance, user: StaffUser, round: Round, gridIds: readonly number[]) {
  const inScope = new Set(gridIds);
  const rows = finalDispositionRows(app.repos, round.id).filter((r) => inScope.has(r.gridId));
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
    return { name: staffName(app.repos, i.interviewerId, '（未记录访问员）'), cases: i.cases, cells: rateCells(i.rates) };
  });
  // Each column in plain Chinese with its AAPOR code, and a line under the table saying what each one means.
  const rateNames = ROUND_PAGE_RATES.map((key) => ({ key, name: AAPOR_PLAIN[key]?.name ?? key, meaning: AAPOR_PLAIN[key]?.meaning ?? '' }));
  return { rateNames, byUnit, byInterviewer };
}

/** The dispositions shown beside a sweep line: 完成访问 is the 已回访 column already. */
const SWEEP_DISPOSITIONS = CALL_DISPOSITIONS.filter((d) => d !== 'complete');

function sweepRow(label: string, line: SweepLine) {
  return {
    label,
    roster: line.roster,
    target: line.target,
    attempted: line.attempted,
    coverage: coverageText(coverageOf(line)),
    dispositions: SWEEP_DISPOSITIONS.map((d) => line.dispositions[d]),
  };
}

/**
 * Townships with their subtotals, and each village (folded, its grids inside) with its own. A township or village
 * the user sees only part of keeps its name but not a subtotal that would pass for the whole unit's.
 */
function areaRows(app: FastifyInstance, user: StaffUser, areas: readonly AreaCoverage[]) {
  const tree = app.repos.units.tree();
  const visible = (a: AreaCoverage) => canSeeUnit(user, a.unit.id, tree);
  const villagesOf = (a: AreaCoverage): AreaCoverage[] => (a.unit.level === 'grid' ? [] : a.unit.level === 'village' ? [a] : a.children.flatMap(villagesOf));
  const gridsOf = (a: AreaCoverage): AreaCoverage[] => (a.unit.level === 'grid' ? [a] : a.children.flatMap(gridsOf));
  const villages = areas.flatMap(villagesOf).map((v) => ({
    name: v.unit.name,
    township: areas.find((t) => t.unit.level === 'township' && t.children.includes(v))?.unit.name ?? '',
    subtotal: visible(v) ? sweepRow(v.unit.name, v.line) : null,
    grids: gridsOf(v).map((g) => sweepRow(`${g.unit.code} ${g.unit.name}`, g.line)),
  }));
  const looseGrids = areas.flatMap((a) => (a.unit.level === 'grid' ? [a] : a.children.filter((c) => c.unit.level === 'grid')));
  return {
    townships: areas.filter((a) => a.unit.level === 'township' && visible(a)).map((a) => sweepRow(a.unit.name, a.line)),
    villages,
    looseGrids: looseGrids.map((g) => sweepRow(`${g.unit.code} ${g.unit.name}`, g.line)),
  };
}

function sweepSection(app: FastifyInstance, user: StaffUser, round: Round, gridIds: readonly number[]) {
  const report = sweepCoverage(app.repos, round, gridIds);
  return {
    dispositionNames: SWEEP_DISPOSITIONS.map((d) => DISPOSITION_LABELS[d]),
    headline: coverageText(coverageOf(report.total)),
    total: sweepRow('合计', report.total),
    byCategory: report.byCategory.map((c) => sweepRow(c.category, c)),
    ...areaRows(app, user, report.areas),
  };
}

/** What the round page adds for field work; `sweep` only on rounds of kind sweep. */
export function roundFieldwork(app: FastifyInstance, user: StaffUser, round: Round) {
  const gridIds = roundGridsInScope(app, user, round);
  return {
    fieldAapor: aaporSections(app, user, round, gridIds),
    sweep: round.kind === 'sweep' ? sweepSection(app, user, round, gridIds) : null,
  };
}
