// Whole numbers in query strings and paths (a page, an id, a count shown after a redirect). Fastify's validator turns
// the text into a number before checking it, and lets through what the text made non-finite: `page=1e309` and
// `page=Infinity` became Infinity, which no `maximum` stopped (ajv checks a range only on finite numbers), and SQLite
// refused it with a 500. Every such field is declared with IntegerParam, whose `safeInteger` keyword (added to the
// validator by app.ts) takes only integers that a number holds exactly — never Infinity, NaN or beyond 2^53 — so the
// client gets the schema's 400 with its Chinese message (web/plugins/error-handler.ts).
import { Type, type TInteger } from '@sinclair/typebox';

interface SafeIntegerDefinition {
  keyword: 'safeInteger';
  schemaType: 'boolean';
  validate(wanted: boolean, data: unknown): boolean;
}

/** The validator plugin: a `safeInteger: true` field must hold a safe integer after the text became a number. */
export function safeIntegerKeyword<T extends { addKeyword(definition: SafeIntegerDefinition): unknown }>(ajv: T): T {
  ajv.addKeyword({
    keyword: 'safeInteger',
    // Not declared for numbers only: ajv runs its number keywords on finite numbers alone, which would skip this one.
    // It runs after `type: 'integer'` has turned the text into a number.
    schemaType: 'boolean',
    validate: (wanted: boolean, data: unknown) => !wanted || Number.isSafeInteger(data),
  });
  return ajv;
}

/** A whole number from `minimum` to `maximum` (at most 2^53 − 1) in a query string or path. */
export function IntegerParam(minimum: number, maximum: number = Number.MAX_SAFE_INTEGER, options: { description?: string } = {}): TInteger {
  return Type.Integer({ ...options, minimum, maximum: Math.min(maximum, Number.MAX_SAFE_INTEGER), safeInteger: true });
}
