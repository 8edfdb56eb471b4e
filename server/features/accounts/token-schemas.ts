// Schemas of the administrator's API token page (/admin/tokens): form fields arrive as strings; the name is checked
// in the domain (features/accounts/core/api-token.ts), which answers in Chinese next to the field.
import { Type, type Static } from '@sinclair/typebox';
import { IntegerParam } from '../../web/integer-params.js';
import { CsrfField, UnitCode } from '../../web/staff/schemas.js';

export const NewTokenBody = Type.Object({
  name: Type.String({ maxLength: 200 }),
  /** A unit code, or empty for the whole district. */
  unit: Type.Optional(Type.Union([Type.Literal(''), UnitCode])),
  _csrf: CsrfField,
});
export type NewTokenBody = Static<typeof NewTokenBody>;

export const TokenParams = Type.Object({ id: IntegerParam(1) });
export type TokenParams = Static<typeof TokenParams>;
