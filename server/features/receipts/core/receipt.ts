// Receipts (回执单): problems residents raise — free-text suggestions and dissatisfied (followUp) answers — followed to
// closure. The entity, its states and their one list of Chinese labels.

export type ReceiptSource = 'suggestion' | 'follow_up' | 'staff';
export type ReceiptState = 'open' | 'assigned' | 'answered' | 'closed' | 'dismissed';

export const RECEIPT_STATES: readonly ReceiptState[] = ['open', 'assigned', 'answered', 'closed', 'dismissed'];

export const RECEIPT_STATE_LABELS: Readonly<Record<ReceiptState, string>> = {
  open: '待处理',
  assigned: '已交办',
  answered: '已答复',
  closed: '已办结',
  dismissed: '无需处理',
};

/** How the reply reached the resident. */
export type AnswerMethod = 'phone' | 'visit' | 'notice' | 'other';
export const ANSWER_METHODS: readonly AnswerMethod[] = ['phone', 'visit', 'notice', 'other'];
export const ANSWER_METHOD_LABELS: Readonly<Record<AnswerMethod, string>> = {
  phone: '电话',
  visit: '上门',
  notice: '公告',
  other: '其他',
};

/** Why a receipt needs no handling. 'praise' and 'empty' are also what the recogniser (no-problem.ts) decides. */
export type DismissReason = 'praise' | 'empty' | 'duplicate' | 'not_problem' | 'other';
export const DISMISS_REASONS: readonly DismissReason[] = ['praise', 'empty', 'duplicate', 'not_problem', 'other'];
export const DISMISS_REASON_LABELS: Readonly<Record<DismissReason, string>> = {
  praise: '表扬',
  empty: '无实质内容',
  duplicate: '重复',
  not_problem: '不属于问题',
  other: '其他',
};

export const RECEIPT_SOURCE_LABELS: Readonly<Record<ReceiptSource, string>> = {
  suggestion: '群众意见建议',
  follow_up: '不满意回答回访',
  staff: '工作人员登记',
};

export interface Receipt {
  id: number;
  roundId: number;
  gridId: number;
  responseId: number | null;
  source: ReceiptSource;
  questionId: string | null;
  body: string;
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
export interface NewReceipt {
  roundId: number;
  gridId: number;
  responseId: number | null;
  source: ReceiptSource;
  questionId: string | null;
  body: string;
  createdAt?: string;
  dueAt?: string | null;
  /** Set when the receipt needs no handling from the start (praise, an empty text): it is stored as 无需处理. */
  dismissReason?: DismissReason;
}

export interface ReceiptCounts {
  total: number;
  open: number;
  assigned: number;
  answered: number;
  closed: number;
  dismissed: number;
}
