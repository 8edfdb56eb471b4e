// Schemas of the receipts pages: the list's filters, one receipt's id, and the workflow's forms. Form fields arrive
// as strings; what they mean (a known state, an assignee in scope, a date) is checked by the route with the domain.
import { Type, type Static } from '@sinclair/typebox';
import { IntegerParam } from '../../web/integer-params.js';
import { CsrfField, RoundCode, UnitCode } from '../../web/staff/schemas.js';

const Short = (max: number) => Type.Optional(Type.String({ maxLength: max }));

export const ReceiptsQuery = Type.Object({
  round: Type.Optional(RoundCode),
  unit: Type.Optional(UnitCode),
  question: Short(64),
  state: Short(20),
  /** "1": overdue only. */
  overdue: Short(5),
  /** A staff user's id, or "me". */
  assignee: Short(20),
  q: Short(100),
  page: Type.Optional(IntegerParam(1, 100000)),
  /** After a bulk assignment: how many were handed on. */
  assigned: Type.Optional(IntegerParam(0, 1000000)),
});
export type ReceiptsQuery = Static<typeof ReceiptsQuery>;

export const ReceiptParams = Type.Object({ id: IntegerParam(1) });
export type ReceiptParams = Static<typeof ReceiptParams>;

/** "user:ID" for a staff member, "unit:CODE" for a village or grid. */
const Assignee = Type.String({ maxLength: 80 });
/** yyyy-mm-dd (a date input); empty: the round's default number of days. Longer than a date so that whatever was
 * typed reaches the domain's check and comes back with its message, not a bare 400. */
const DueDate = Short(40);

export const AssignBody = Type.Object({ assignee: Assignee, due: DueDate, _csrf: CsrfField });
export type AssignBody = Static<typeof AssignBody>;

export const AnswerBody = Type.Object({
  action: Type.String({ maxLength: 2000 }),
  reply: Type.String({ maxLength: 2000 }),
  /** Absent when no way was ticked: the form comes back with the message. */
  method: Short(20),
  _csrf: CsrfField,
});
export type AnswerBody = Static<typeof AnswerBody>;

/** 退回重办: why the answer does not hold up (required; its length is the domain's check). */
export const ReturnBody = Type.Object({ reason: Short(2000), _csrf: CsrfField });
export type ReturnBody = Static<typeof ReturnBody>;

export const DismissBody = Type.Object({ reason: Type.String({ maxLength: 20 }), note: Short(500), _csrf: CsrfField });
export type DismissBody = Static<typeof DismissBody>;

/** Hands every 待处理 receipt of one village (in one round) to one assignee. */
export const BulkAssignBody = Type.Object({
  round: RoundCode,
  village: UnitCode,
  assignee: Assignee,
  due: DueDate,
  _csrf: CsrfField,
});
export type BulkAssignBody = Static<typeof BulkAssignBody>;

export const DueDaysBody = Type.Object({ round: RoundCode, days: Type.String({ maxLength: 5 }), _csrf: CsrfField });
export type DueDaysBody = Static<typeof DueDaysBody>;
