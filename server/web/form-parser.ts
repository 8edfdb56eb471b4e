// The resident form's body parser. Unlike the default one it refuses what is not UTF-8 — raw bytes of another
// encoding, or percent-escapes that do not decode (a GBK page posting here) — instead of keeping garbage text.
import { BadEncoding } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export type FormFields = Record<string, string | string[]>;

export function parseFormBody(raw: Buffer): FormFields {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new BadEncoding();
  }
  // A null prototype: a field called __proto__ is just a field.
  const fields: FormFields = Object.create(null) as FormFields;
  if (text === '') return fields;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decoded(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decoded(pair.slice(eq + 1));
    const previous = fields[name];
    if (previous === undefined) fields[name] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else fields[name] = [previous, value];
  }
  return fields;
}

/**
 * One name or value of application/x-www-form-urlencoded: `+` is a space, %-escapes are UTF-8 bytes. An escape that
 * is not UTF-8, or a `%` no browser sends unescaped, makes decodeURIComponent throw: the body is refused. By hand
 * rather than with URLSearchParams, which keeps such escapes as U+FFFD (so a U+FFFD the resident typed was refused
 * too) and cost a form post about as much as checking all of its answers.
 */
function decoded(part: string): string {
  const spaced = part.includes('+') ? part.replaceAll('+', ' ') : part;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    throw new BadEncoding();
  }
}
