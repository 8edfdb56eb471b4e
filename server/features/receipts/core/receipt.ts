// Receipts (回执单): problems residents raise — free-text suggestions and dissatisfied (followUp) answers — followed to
// closure. The entity, its states and their one list of Chinese labels.
import { valuesOf } from '../../../core/vocabulary.js';

export const RECEIPT_STATE_LABELS = { open: '待处理', assigned: '已交办', answered: '已答复', closed: '已办结', dismissed: '无需处理' } as const;
export type ReceiptState = keyof typeof RECEIPT_STATE_LABELS;
export const RECEIPT_STATES = valuesOf(RECEIPT_STATE_LABELS);

/** How the reply reached the resident. */
export const ANSWER_METHOD_LABELS = { phone: '电话', visit: '上门', notice: '公告', other: '其他' } as const;
export type AnswerMethod = keyof typeof ANSWER_METHOD_LABELS;
export const ANSWER_METHODS = valuesOf(ANSWER_METHOD_LABELS);

/** Why a receipt needs no handling. 'praise' and 'empty' are also what the recogniser (no-problem.ts) decides. */
export const DISMISS_REASON_LABELS = { praise: '表扬', empty: '无实质内容', duplicate: '重复', not_problem: '不属于问题', other: '其他' } as const;
export type DismissReason = keyof typeof DISMISS_REASON_LABELS;
export const DISMISS_REASONS = valuesOf(DISMISS_REASON_LABELS);

export const RECEIPT_SOURCE_LABELS = { suggestion: '群众意见建议', follow_up: '不满意回答回访', staff: '工作人员登记' } as const;
export type ReceiptSource = keyof typeof RECEIPT_SOURCE_LABELS;

/** Where a receipt comes from and what the resident said: fixed when it is opened. */
export interface ReceiptOrigin {
  roundId: number;
  gridId: number;
  responseId: number | null;
  source: ReceiptSource;
  questionId: string | null;
  body: string;
}

export interface Receipt extends ReceiptOrigin {
  id: number;
  state: ReceiptState;
  /** The staff user it was handed to, or null. */
  assigneeId: number | null;
  /** The unit (village or grid) it was handed to, or null. */
  assigneeUnitId: number | null;
  assignedBy: number | null;
  assignedAt: string | null;
  dueAt: string | null;
  createdAt: string;
  answeredAt: string | null;
  answeredBy: number | null;
  /** What was done about the problem. */
  answerAction: string | null;
  /** What the resident was told. */
  answerText: string | null;
  answerMethod: AnswerMethod | null;
  /** When and by whom it was closed (已办结) or dismissed (无需处理); null by: the system. */
  closedAt: string | null;
  closedBy: number | null;
  dismissReason: DismissReason | null;
  dismissNote: string | null;
}

/** A receipt as a response's answers open it (see rules.ts), before it is stored. */
export interface NewReceipt extends ReceiptOrigin {
  createdAt?: string;
  dueAt?: string | null;
  /** Set when the receipt needs no handling from the start (praise, an empty text): it is stored as 无需处理. */
  dismissReason?: DismissReason;
}

export type ReceiptCounts = Record<ReceiptState | 'total', number>;
