// Schemas of the account pages (/admin/users, /account) and the audit page (/audit). Meaning (length of a password,
// a role's unit) is checked in features/accounts/core, which answers in Chinese next to the field.
import { Type, type Static } from '@sinclair/typebox';
import { IntegerParam } from '../../web/integer-params.js';
import { CsrfField, RoundCode } from '../../web/staff/schemas.js';

const Field = (max: number) => Type.String({ maxLength: max });

export const AccountParams = Type.Object({ id: IntegerParam(1) });
export type AccountParams = Static<typeof AccountParams>;

/** An account's role and the unit it is limited to. */
const ScopeFields = { role: Field(20), unit: Type.Optional(Field(64)) };

export const NewAccountBody = Type.Object({ username: Field(64), displayName: Field(100), ...ScopeFields, _csrf: CsrfField });
export type NewAccountBody = Static<typeof NewAccountBody>;

/** The new scope, and the one the page showed (a change made meanwhile by someone else is not overwritten). */
export const AccountScopeBody = Type.Object({ ...ScopeFields, fromRole: Field(20), fromUnit: Type.Optional(Field(64)), _csrf: CsrfField });
export type AccountScopeBody = Static<typeof AccountScopeBody>;

export const PasswordBody = Type.Object({
  current: Field(256),
  password: Field(1024),
  confirm: Field(1024),
  _csrf: CsrfField,
});
export type PasswordBody = Static<typeof PasswordBody>;

export const AuditQuery = Type.Object({
  action: Type.Optional(Field(60)),
  user: Type.Optional(Field(12)),
  from: Type.Optional(Field(20)),
  to: Type.Optional(Field(20)),
  round: Type.Optional(Type.Union([Type.Literal(''), RoundCode])),
  page: Type.Optional(IntegerParam(1, 100000)),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AccountQuery = Type.Object({ changed: Type.Optional(Type.Literal('1')) });
export type AccountQuery = Static<typeof AccountQuery>;
