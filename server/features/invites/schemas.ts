// Schemas of the household-code pages: a round's codes page, generating a batch for a grid, a batch's slips.
import { Type, type Static } from '@sinclair/typebox';
import { CsrfField, RoundCode, UnitCode } from '../../web/staff/schemas.js';

export const BatchParams = Type.Object({ code: RoundCode, batch: Type.String({ pattern: '^[0-9]{1,9}$' }) });
export type BatchParams = Static<typeof BatchParams>;

export const GenerateBody = Type.Object({
  grid: Type.Optional(UnitCode),
  /** Codes to make; empty: the grid's recorded households. */
  count: Type.Optional(Type.String({ maxLength: 10 })),
  _csrf: CsrfField,
});
export type GenerateBody = Static<typeof GenerateBody>;

export const SlipsQuery = Type.Object({
  /** Slips per A4 page. */
  per: Type.Optional(Type.Union([Type.Literal('4'), Type.Literal('8')])),
});
export type SlipsQuery = Static<typeof SlipsQuery>;
