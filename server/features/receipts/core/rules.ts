// Which answers of a response open a receipt (回执单), and what the receipt says. Decided here, once, for every channel:
// the submission service applies these rules before the write and the repository stores what it is given.
//   - a completed response's non-empty answer to a text question marked `receipt` opens a suggestion receipt whose
//     body is the resident's text, phone and ID-card numbers masked (the original stays sealed with the answer);
//   - a completed response's choice of an option marked `followUp` (a dissatisfied answer) opens a follow-up receipt
//     naming the question and the answer given.
// A screened-out response opens none: the person was not asked the questions. A suggestion that raises no problem
// (praise, an empty answer: no-problem.ts) is still stored, already 无需处理 with the reason.
import { findQuestion, type Answers, type Survey } from '../../../core/survey/model.js';
import type { ResponseStatus } from '../../../core/survey/response.js';
import { maskPersonalData } from '../../../core/privacy/personal-data.js';
import type { DismissReason, ReceiptSource } from './receipt.js';
import { noProblemReason } from './no-problem.js';

/** A receipt a response's answers open, before the response (and so the receipt) has an id. */
export interface ReceiptDraft {
  source: Extract<ReceiptSource, 'suggestion' | 'follow_up'>;
  questionId: string;
  body: string;
  /** Set when the receipt needs no handling from the start: it is stored as 无需处理 with this reason. */
  dismissReason?: DismissReason;
}

function suggestion(questionId: string, text: string): ReceiptDraft {
  const reason = noProblemReason(text);
  const draft: ReceiptDraft = { source: 'suggestion', questionId, body: maskPersonalData(text) };
  return reason === null ? draft : { ...draft, dismissReason: reason };
}

/** The body of a follow-up receipt: the question and the answer that asks for a visit. */
export function followUpBody(questionText: string, optionLabel: string): string {
  return `${questionText}（回答：${optionLabel}）`;
}

/** The receipts these answers open, in the order of the answers (unknown questions and codes open none). */
export function receiptsFor(survey: Survey, status: ResponseStatus, answers: Answers): ReceiptDraft[] {
  if (status !== 'complete') return [];
  const drafts: ReceiptDraft[] = [];
  for (const [questionId, value] of Object.entries(answers)) {
    const question = findQuestion(survey, questionId);
    if (!question) continue;
    if (value.kind === 'text') {
      const text = value.text.trim();
      if (question.receipt && text !== '') drafts.push(suggestion(questionId, text));
      continue;
    }
    for (const code of value.codes) {
      const option = question.options.find((o) => o.code === code);
      if (option?.followUp) drafts.push({ source: 'follow_up', questionId, body: followUpBody(question.text, option.label) });
    }
  }
  return drafts;
}

/** The response with the receipts its answers open (for callers that store responses in bulk). */
export function withReceipts<T extends { survey: Survey; status: ResponseStatus; answers: Answers }>(
  response: T,
): T & { receipts: ReceiptDraft[] } {
  return { ...response, receipts: receiptsFor(response.survey, response.status, response.answers) };
}
