// The receipts list's query string read into the domain's ReceiptFilter, narrowed to the user's scope, and the
// choices the filter form offers (rounds, units, questions, states, assignees within the scope).
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import type { Unit } from '../../../core/units/unit.js';
import { roundTouchesScope, seesEverything } from '../../../core/auth/scope.js';
import { assignableStaff } from '../../accounts/accounts-service.js';
import { RECEIPT_STATES, RECEIPT_STATE_LABELS, type ReceiptState } from '../core/receipt.js';
import type { ReceiptFilter } from '../core/filter.js';
import { printedQuestionLabel } from '../../../core/survey/numbering.js';
import { BadRequest } from '../../../web/errors.js';
import type { ReceiptsQuery } from '../schemas.js';
import { roundInScope, unitInScope } from '../../../web/staff/context.js';
import { ofRound } from '../../surveys/surveys-service.js';

/** The grids under a unit (a grid is its own), from the in-memory unit tree. */
export function gridsUnder(app: FastifyInstance, unit: Pick<Unit, 'id'>): number[] {
  return app.repos.units.tree().gridsUnder(unit.id).map((g) => g.id);
}

function isState(value: string): value is ReceiptState {
  return RECEIPT_STATES.some((s) => s === value);
}

export interface ReadFilter {
  filter: ReceiptFilter;
  round: Round | undefined;
  unit: Unit | undefined;
}

function readState(value: string | undefined): ReceiptState | null {
  if (value === undefined || value === '') return null;
  if (!isState(value)) throw new BadRequest(`未知的回执状态：${value}`);
  return value;
}

function readAssignee(user: StaffUser, value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  if (value === 'me') return user.id;
  if (/^\d{1,15}$/.test(value)) return Number(value);
  throw new BadRequest(`未知的承办人：${value}`);
}

/** The filter the query asks for, within what the user may see (an out-of-scope round or unit is a 403). */
export function readFilter(app: FastifyInstance, user: StaffUser, q: ReceiptsQuery): ReadFilter {
  const round = q.round ? roundInScope(app, user, q.round) : undefined;
  const unit = q.unit ? unitInScope(app, user, q.unit) : undefined;
  let gridIds: number[] | null = null;
  if (unit) gridIds = gridsUnder(app, unit);
  else if (!seesEverything(user)) {
    gridIds = user.unitId === null ? [] : gridsUnder(app, { id: user.unitId });
  }
  const text = q.q?.trim() ?? '';
  const filter: ReceiptFilter = {
    gridIds,
    roundId: round?.id ?? null,
    questionId: q.question?.trim() || null,
    state: readState(q.state),
    overdue: q.overdue === '1',
    assigneeId: readAssignee(user, q.assignee),
    text: text === '' ? null : text,
  };
  return { filter, round, unit };
}

/** The query string of a filter (links to other pages keep it). */
export function filterQuery(q: ReceiptsQuery, page?: number): string {
  const p = new URLSearchParams();
  for (const key of ['round', 'unit', 'question', 'state', 'overdue', 'assignee', 'q'] as const) {
    const v = q[key];
    if (v !== undefined && v !== '') p.set(key, v);
  }
  if (page !== undefined && page > 1) p.set('page', String(page));
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}

/** Townships and villages the user may pick (grids come in through a village; a grid worker has only their grid). */
function unitChoices(app: FastifyInstance, user: StaffUser): Array<{ code: string; label: string }> {
  const units = app.repos.units;
  if (user.role === 'grid') {
    const own = user.unitId === null ? undefined : units.getById(user.unitId);
    return own ? [{ code: own.code, label: own.name }] : [];
  }
  const roots = seesEverything(user) ? units.roots() : [user.unitId === null ? undefined : units.getById(user.unitId)];
  const out: Array<{ code: string; label: string }> = [];
  for (const root of roots) {
    if (!root) continue;
    const townships = root.level === 'township' ? [root] : units.descendants(root.id, 'township');
    for (const township of townships) {
      out.push({ code: township.code, label: township.name });
      for (const v of units.descendants(township.id, 'village')) out.push({ code: v.code, label: `　${v.name}` });
    }
  }
  return out;
}

/** What the filter form offers. */
export function filterChoices(app: FastifyInstance, user: StaffUser, selectedRound: Round | undefined) {
  const tree = app.repos.units.tree();
  const rounds = app.repos.rounds.list().filter((r) => roundTouchesScope(user, r.unitIds, tree));
  const survey = selectedRound ? ofRound(app.repos, selectedRound) : undefined;
  const questions = survey
    ? survey.questions
      .filter((qn) => qn.receipt === true || qn.options.some((o) => o.followUp === true))
      .map((qn) => ({ id: qn.id, label: printedQuestionLabel(survey, qn.id) }))
    : [];
  const assignees = assignableStaff(app.repos, { seenBy: user }).map((u) => ({ id: String(u.id), label: u.displayName }));
  return {
    rounds: rounds.map((r) => ({ code: r.code, label: `${r.period}（${r.code}）` })),
    units: unitChoices(app, user),
    questions,
    states: RECEIPT_STATES.map((s) => ({ value: s, label: RECEIPT_STATE_LABELS[s] })),
    assignees,
  };
}
