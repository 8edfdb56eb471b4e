// What the receipts pages show of a receipt: names instead of ids, Chinese labels, whether it is overdue, who has it.
// Unit and user names are looked up once per page (a page shows at most one page of receipts).
import type { StaffUser } from '../../core/auth/staff.js';
import type { Unit } from '../../core/units/unit.js';
import {
  ANSWER_METHOD_LABELS, DISMISS_REASON_LABELS, RECEIPT_SOURCE_LABELS, RECEIPT_STATE_LABELS, type Receipt,
} from './core/receipt.js';
import { isOverdue } from './core/overdue.js';
import { maskPersonalData } from '../../core/privacy/personal-data.js';

/** The lookups the view needs (the units and users repositories, or anything answering the same). */
export interface ReceiptLookups {
  unitById(id: number): Unit | undefined;
  userById(id: number): StaffUser | undefined;
  parentOf(unit: Unit): Unit | undefined;
  roundCode(id: number): string;
  /** A question of the round's questionnaire as printed on the form: "第 19 题 意见建议". */
  questionLabel(roundId: number, questionId: string): string;
}

/** Remembers every name looked up during one page. */
export function cachedLookups(base: ReceiptLookups): ReceiptLookups {
  const units = new Map<number, Unit | undefined>();
  const users = new Map<number, StaffUser | undefined>();
  const rounds = new Map<number, string>();
  const questions = new Map<string, string>();
  const unitById = (id: number) => {
    if (!units.has(id)) units.set(id, base.unitById(id));
    return units.get(id);
  };
  return {
    unitById,
    userById: (id) => {
      if (!users.has(id)) users.set(id, base.userById(id));
      return users.get(id);
    },
    parentOf: (unit) => (unit.parentId === null ? undefined : unitById(unit.parentId)),
    roundCode: (id) => {
      let code = rounds.get(id);
      if (code === undefined) rounds.set(id, (code = base.roundCode(id)));
      return code;
    },
    questionLabel: (roundId, questionId) => {
      const key = `${roundId}/${questionId}`;
      let label = questions.get(key);
      if (label === undefined) questions.set(key, (label = base.questionLabel(roundId, questionId)));
      return label;
    },
  };
}

export function assigneeName(r: Receipt, look: ReceiptLookups): string {
  if (r.assigneeId !== null) return look.userById(r.assigneeId)?.displayName ?? `用户 ${r.assigneeId}`;
  if (r.assigneeUnitId !== null) return look.unitById(r.assigneeUnitId)?.name ?? `单位 ${r.assigneeUnitId}`;
  return '';
}

/** One receipt as a row of the list (and the head of the detail page). */
export function receiptRow(r: Receipt, look: ReceiptLookups, now: Date) {
  const grid = look.unitById(r.gridId);
  const village = grid ? look.parentOf(grid) : undefined;
  return {
    // Texts are masked when stored; rows from before that are masked here, so no page shows a number in clear.
    receipt: {
      ...r,
      body: maskPersonalData(r.body),
      answerAction: r.answerAction === null ? null : maskPersonalData(r.answerAction),
      answerText: r.answerText === null ? null : maskPersonalData(r.answerText),
      dismissNote: r.dismissNote === null ? null : maskPersonalData(r.dismissNote),
    },
    href: `/receipts/${r.id}`,
    grid: { code: grid?.code ?? '', name: grid?.name ?? String(r.gridId) },
    village: village?.name ?? '',
    roundCode: look.roundCode(r.roundId),
    sourceName: RECEIPT_SOURCE_LABELS[r.source],
    question: r.questionId === null ? '' : look.questionLabel(r.roundId, r.questionId),
    // Sent back (退回重办): the previous answer is still on the receipt, for the assignee to start from.
    returned: r.state === 'assigned' && r.answerText !== null,
    stateName: RECEIPT_STATE_LABELS[r.state],
    overdue: isOverdue(r, now),
    assignee: assigneeName(r, look),
    methodName: r.answerMethod ? ANSWER_METHOD_LABELS[r.answerMethod] : '',
    dismissName: r.dismissReason ? DISMISS_REASON_LABELS[r.dismissReason] : '',
  };
}

const HISTORY_NAMES: Record<string, string> = {
  'receipt.assign': '交办',
  'receipt.answer': '答复',
  'receipt.close': '办结',
  'receipt.dismiss': '标记为无需处理',
  'receipt.return': '退回重办',
  'receipt.refused': '操作被拒绝',
  'receipt.contact.reveal': '查看群众联系电话',
};

function labelOf(labels: Readonly<Record<string, string>>, key: unknown): string | undefined {
  return typeof key === 'string' && Object.hasOwn(labels, key) ? labels[key] : undefined;
}

/** One line of the detail page's history. */
export function historyLine(e: { at: string; displayName: string | null; action: string; detail: Record<string, unknown> }, look: ReceiptLookups) {
  const d = e.detail;
  const parts: string[] = [];
  if (typeof d.assignee === 'number') parts.push(`承办人：${look.userById(d.assignee)?.displayName ?? d.assignee}`);
  if (typeof d.unit === 'number') parts.push(`承办单位：${look.unitById(d.unit)?.name ?? d.unit}`);
  const method = labelOf(ANSWER_METHOD_LABELS, d.method);
  if (method) parts.push(`方式：${method}`);
  const reason = labelOf(DISMISS_REASON_LABELS, d.reason);
  if (e.action === 'receipt.return' && typeof d.reason === 'string') parts.push(`退回原因：${maskPersonalData(d.reason)}`);
  else if (reason) parts.push(`原因：${reason}`);
  else if (typeof d.reason === 'string') parts.push(d.reason);
  return { at: e.at, who: e.displayName ?? '系统', action: HISTORY_NAMES[e.action] ?? e.action, detail: parts.join('；'), refused: e.action === 'receipt.refused' };
}
