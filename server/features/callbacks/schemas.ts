// Schemas of the call-back page's own query and the draw form (真实度回访; the share and call-back forms are
// features/rounds/fieldwork-schemas.ts): a draw may be for one interviewer's interviews, at its own share.
import { Type, type Static } from '@sinclair/typebox';
import { CsrfField } from '../../web/staff/schemas.js';

export const CallbacksQuery = Type.Object({
  /** Only this interviewer's drawn interviews, with a draw of theirs (linked from the interviewers page). */
  interviewer: Type.Optional(Type.Integer({ minimum: 1 })),
  recorded: Type.Optional(Type.String({ maxLength: 20 })),
});
export type CallbacksQuery = Static<typeof CallbacksQuery>;

export const DrawBody = Type.Object({
  _csrf: CsrfField,
  /** Draw from this interviewer's completed phone interviews only. */
  interviewer: Type.Optional(Type.String({ maxLength: 12 })),
  /** The share of theirs to call back, in percent (the round's share when absent). */
  share: Type.Optional(Type.String({ maxLength: 20 })),
});
export type DrawBody = Static<typeof DrawBody>;
