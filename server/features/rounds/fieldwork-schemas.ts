// Schemas of the field-work pages: paper entry (纸质录入) and call-back checks (真实度回访).
import { Type, type Static } from '@sinclair/typebox';
import { IntegerParam } from '../../web/integer-params.js';
import { CsrfField, RoundCode, UnitCode } from '../../web/staff/schemas.js';

const Field = Type.String({ maxLength: 5000 });

/** The paper form: the grid, a one-time key and `q_<questionId>` fields with the typed codes or text. */
export const PaperBody = Type.Object(
  { grid: Type.Optional(Type.String({ maxLength: 64 })), submission_key: Type.Optional(Type.String({ maxLength: 100 })), _csrf: CsrfField },
  { additionalProperties: Field, maxProperties: 300 },
);
export type PaperBody = Static<typeof PaperBody>;

export const PaperQuery = Type.Object({ grid: Type.Optional(UnitCode) });

export const ResponseParams = Type.Object({ code: RoundCode, id: IntegerParam(1) });

/** A call-back: its outcome (features/callbacks/core/outcomes.ts), and the re-asked questions' codes as `q_<questionId>`. */
export const CallbackBody = Type.Object(
  { outcome: Type.Optional(Type.String({ maxLength: 20 })), _csrf: CsrfField },
  { additionalProperties: Field, maxProperties: 50 },
);
export type CallbackBody = Static<typeof CallbackBody>;

export const CallbackShareBody = Type.Object({
  share: Type.String({ maxLength: 20 }),
  questions: Type.Optional(Type.String({ maxLength: 200 })),
  _csrf: CsrfField,
});
