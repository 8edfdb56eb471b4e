// Schemas of the resident form (/g/:gridCode). Every form field arrives as a string, or an array of strings when it
// is repeated (checkboxes); what the answers mean is checked by the questionnaire domain, which answers in Chinese.
import { Type, type Static, type TOptional, type TProperties } from '@sinclair/typebox';

/** A grid code as printed on posters and QR codes. */
export const GridCode = Type.String({ minLength: 1, maxLength: 64 });

export const GridParams = Type.Object({ gridCode: GridCode });
export type GridParams = Static<typeof GridParams>;

/** A one-time invite token (/g/:gridCode?invite=TOKEN). */
export const InviteToken = Type.String({ maxLength: 200 });

/** `size`: the A+ switch (big / normal); any other value is ignored (features/resident-form/text-size.ts). */
export const ResidentQuery = Type.Object({ invite: Type.Optional(InviteToken), size: Type.Optional(Type.String({ maxLength: 10 })) });
export type ResidentQuery = Static<typeof ResidentQuery>;

/** A form field sent once (a string) or several times (checkboxes). Text answers are at most a few hundred chars. */
export const FormField = Type.Union([
  Type.String({ maxLength: 5000 }),
  Type.Array(Type.String({ maxLength: 5000 }), { maxItems: 200 }),
]);

/** A questionnaire's form (the resident's, the call screen's): the named fields, each optional, and `q_<questionId>`
 * answer fields, at most 300 fields in all. */
export function questionnaireForm<K extends string, P extends TProperties>(names: readonly K[], more: P) {
  const fields = Object.fromEntries(names.map((name) => [name, Type.Optional(FormField)])) as Record<K, TOptional<typeof FormField>>;
  return Type.Object({ ...more, ...fields }, { additionalProperties: FormField, maxProperties: 300 });
}

/**
 * The resident form: `q_<questionId>` answer fields plus hidden fields — `shown` (the question ids on the page,
 * comma-separated), `submission_key` (one per rendered form), `invite` — the reply contact, and `size`, the A+ / 标准字
 * button that sent the form (big / normal): the form comes back in that size, nothing stored.
 */
export const ResidentFormBody = questionnaireForm(['shown', 'submission_key', 'invite', 'reply_contact', 'size', 'household_code'], {});
export type ResidentFormBody = Static<typeof ResidentFormBody>;

/** The first value of a field that should have been sent once (a tampered form may repeat it). */
export function firstOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
