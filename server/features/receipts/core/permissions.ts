// Who may take which step on a receipt (docs/rules.md#receipts). The committee and administrators may do all; township
// staff work within their township: they hand receipts to its grid workers or villages (or grids), answer or dismiss
// them, and close what they handed on (not what the committee handed on: the level that assigned checks the work);
// grid workers answer what was handed to them or to their grid (or what is still 待处理 in their grid: the worker who
// took the problem may answer it himself). Each refusal is a Chinese sentence the page shows as it is.
import type { StaffUser } from '../../../core/auth/staff.js';
import { canSeeUnit, seesEverything, type UnitTree } from '../../../core/auth/scope.js';
import type { UnitLevel } from '../../../core/units/unit.js';
import type { Receipt } from './receipt.js';

/** The receipt's parts the rules look at. */
export type ReceiptScopeFacts = Pick<Receipt, 'gridId' | 'state' | 'assigneeId' | 'assigneeUnitId' | 'assignedBy'>;

/** To whom a receipt is handed: a staff user, or a unit (village or grid). */
export type AssignTarget = { kind: 'user'; user: StaffUser } | { kind: 'unit'; unitId: number; level: UnitLevel };

const OUTSIDE = '该回执不在您的管辖范围内';

/** Null when the user may see the receipt at all (the scope every other rule starts from), else why not. */
export function receiptScopeProblem(user: StaffUser, receipt: ReceiptScopeFacts, units: UnitTree): string | null {
  return canSeeUnit(user, receipt.gridId, units) ? null : OUTSIDE;
}

function targetProblem(user: StaffUser, receipt: ReceiptScopeFacts, target: AssignTarget, units: UnitTree): string | null {
  if (target.kind === 'user') {
    const who = target.user;
    if (who.role !== 'grid' && who.role !== 'township') return '只能交办给网格员或乡镇（街道）工作人员';
    if (who.unitId === null) return `${who.displayName}的账号没有所属单位，不能交办`;
    // The assignee must work where the problem is: the grid's own worker, or staff of a unit above it.
    if (!units.isWithin(receipt.gridId, who.unitId)) return `${who.displayName}不负责该回执所在的网格`;
    if (!seesEverything(user) && !canSeeUnit(user, who.unitId, units)) return `${who.displayName}不在您的管辖范围内`;
    return null;
  }
  if (target.level !== 'village' && target.level !== 'grid') return '只能交办给村（社区）或网格';
  if (!units.isWithin(receipt.gridId, target.unitId)) return '只能交办给该回执所在的村（社区）或网格';
  if (!canSeeUnit(user, target.unitId, units)) return '该单位不在您的管辖范围内';
  return null;
}

/** Null when the user may hand the receipt to the target, else why not. */
export function assignProblem(user: StaffUser, receipt: ReceiptScopeFacts, target: AssignTarget, units: UnitTree): string | null {
  const scope = receiptScopeProblem(user, receipt, units);
  if (scope) return scope;
  if (user.role === 'grid') return '网格员不能交办回执，请答复或联系乡镇（街道）综治中心';
  return targetProblem(user, receipt, target, units);
}

/** True when the receipt was handed to this grid worker, to their grid, or to the village their grid is in. */
function handedTo(user: StaffUser, receipt: ReceiptScopeFacts, units: UnitTree): boolean {
  if (receipt.assigneeId !== null) return receipt.assigneeId === user.id;
  if (receipt.assigneeUnitId !== null) return user.unitId !== null && units.isWithin(user.unitId, receipt.assigneeUnitId);
  return false;
}

/** Null when the user may answer the receipt, else why not. */
export function answerProblem(user: StaffUser, receipt: ReceiptScopeFacts, units: UnitTree): string | null {
  if (user.role !== 'grid') return receiptScopeProblem(user, receipt, units);
  if (receipt.state === 'open') return receiptScopeProblem(user, receipt, units);
  return handedTo(user, receipt, units) ? null : '该回执已交办给其他承办人，只有承办人可以答复';
}

/** What a checker's refusal says, for closing (办结) and for sending back (退回重办). */
const CHECKER_REFUSALS = {
  close: { grid: '网格员不能办结回执，由交办的上级核实后办结', committee: '该回执由政法委（平安办）交办，须由其核实后办结' },
  return: { grid: '网格员不能退回回执，由交办的上级核实答复', committee: '该回执由政法委（平安办）交办，须由其核实答复后退回' },
} as const;

/** The level that checks an answer — the committee, or township staff for what they handed on — closes it or sends it back. */
function checkerProblem(step: keyof typeof CHECKER_REFUSALS, user: StaffUser, receipt: ReceiptScopeFacts, assigner: StaffUser | undefined, units: UnitTree): string | null {
  const scope = receiptScopeProblem(user, receipt, units);
  if (scope) return scope;
  if (seesEverything(user)) return null;
  if (user.role === 'grid') return CHECKER_REFUSALS[step].grid;
  // Handed on by the committee: the committee checks it.
  if (assigner && seesEverything(assigner)) return CHECKER_REFUSALS[step].committee;
  return null;
}

/** Null when the user may close the receipt after checking the reply, else why not. */
export function closeProblem(user: StaffUser, receipt: ReceiptScopeFacts, assigner: StaffUser | undefined, units: UnitTree): string | null {
  return checkerProblem('close', user, receipt, assigner, units);
}

/** Null when the user may send an answered receipt back to be answered again (退回重办), else why not. */
export function returnProblem(user: StaffUser, receipt: ReceiptScopeFacts, assigner: StaffUser | undefined, units: UnitTree): string | null {
  return checkerProblem('return', user, receipt, assigner, units);
}

/** Null when the user may mark the receipt as needing no handling, else why not. */
export function dismissProblem(user: StaffUser, receipt: ReceiptScopeFacts, units: UnitTree): string | null {
  const scope = receiptScopeProblem(user, receipt, units);
  if (scope) return scope;
  return user.role === 'grid' ? '网格员不能将回执标记为无需处理，请联系乡镇（街道）综治中心' : null;
}
