// Schemas of the staff pages' params, query strings and form bodies. Form fields arrive as strings (or arrays of
// strings for repeated fields); their meaning is checked in the domain, which answers in Chinese next to the field.
import { Type, type Static, type TString } from '@sinclair/typebox';

/** A unit or grid code as used in URLs and CSV files. */
export const UnitCode = Type.String({ minLength: 1, maxLength: 64 });
/** A round code, e.g. 2025-03-hunan-100. */
export const RoundCode = Type.String({ minLength: 1, maxLength: 100 });
/** The anti-forgery token every staff form carries. */
export const CsrfField = Type.Optional(Type.String({ maxLength: 200 }));
/** A field that may be sent once (a string) or several times (an array), like checkboxes and multi-selects. */
export const OneOrMany = Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 2000 })]);

export const LoginQuery = Type.Object({
  next: Type.Optional(Type.String({ maxLength: 500 })),
  /** Set by the redirect of a page whose session had ended: the login page says so. */
  expired: Type.Optional(Type.String({ maxLength: 1 })),
});
export type LoginQuery = Static<typeof LoginQuery>;

export const LoginBody = Type.Object({
  username: Type.String({ maxLength: 64 }),
  password: Type.String({ maxLength: 256 }),
  next: Type.Optional(Type.String({ maxLength: 500 })),
  _csrf: CsrfField,
});
export type LoginBody = Static<typeof LoginBody>;

export const CsrfOnlyBody = Type.Object({ _csrf: CsrfField });

export const UnitParams = Type.Object({ code: UnitCode });
export type UnitParams = Static<typeof UnitParams>;

export const RoundParams = Type.Object({ code: RoundCode });
export type RoundParams = Static<typeof RoundParams>;

export const GridLinkParams = Type.Object({ code: RoundCode, gridCode: UnitCode });
export type GridLinkParams = Static<typeof GridLinkParams>;


export const NewRoundBody = Type.Object({
  surveyVersionId: Type.String({ maxLength: 20 }),
  period: Type.String({ maxLength: 20 }),
  kind: Type.Optional(Type.String({ maxLength: 20 })),
  units: Type.Optional(OneOrMany),
  quotaPerGrid: Type.Optional(Type.String({ maxLength: 10 })),
  minSample: Type.Optional(Type.String({ maxLength: 10 })),
  channels: Type.Optional(OneOrMany),
  // Villages' and grids' ranking: the model estimate (default) or the direct one (features/rounds/routes/round-ranking.ts).
  rankingEstimate: Type.Optional(Type.Union([Type.Literal('model'), Type.Literal('direct')])),
  /** "invite": residents answer only with a one-time household code (features/invites); anything else: open link. */
  access: Type.Optional(Type.String({ maxLength: 10 })),
  _csrf: CsrfField,
});
export type NewRoundBody = Static<typeof NewRoundBody>;
/** The "new round" form opened for one kind (the half-year sweep has its own defaults: phone only, no quota). */
export const NewRoundQuery = Type.Object({ kind: Type.Optional(Type.Union([Type.Literal('monthly'), Type.Literal('sweep'), Type.Literal('adhoc')])) });
export type NewRoundQuery = Static<typeof NewRoundQuery>;

/** Turns a one-or-many form field into a list without empty entries. */
export function listOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v !== '');
}

export const LinksQuery = Type.Object({ unit: Type.Optional(UnitCode) });
export type LinksQuery = Static<typeof LinksQuery>;

// --- Text-field forms (shared by the settings forms of several capabilities) ---
/** A staff form of required text fields, each at most `max` characters, with its anti-forgery token. */
export function textForm<K extends string>(max: number, ...names: K[]) {
  const fields = Object.fromEntries(names.map((name) => [name, Type.String({ maxLength: max })])) as Record<K, TString>;
  return Type.Object({ ...fields, _csrf: CsrfField });
}
