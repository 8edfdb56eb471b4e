// Receipts (回执单): problems residents raise — free-text suggestions and dissatisfied (followUp) answers — followed to
// closure. The entity, its states and their one list of Chinese labels.

export type ReceiptSource = 'suggestion' | 'follow_up' | 'staff';
export type ReceiptState = 'open' | 'assigned' | 'answered' | 'closed';

export const RECEIPT_STATES: readonly ReceiptState[] = ['open', 'assigned', 'answered', 'closed'];

export const RECEIPT_STATE_LABELS: Readonly<Record<ReceiptState, string>> = {
  open: '待处理',
  assigned: '已交办',
  answered: '已答复',
  closed: '已办结',
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
  assigneeId: number | null;
  dueAt: string | null;
  createdAt: string;
  answeredAt: string | null;
  answerText: string | null;
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
}

export interface ReceiptCounts {
  total: number;
  open: number;
  assigned: number;
  answered: number;
  closed: number;
}
