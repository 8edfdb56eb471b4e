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
  // URLSearchParams turns escapes that are not UTF-8 into U+FFFD, which is how they are recognised here.
  for (const [name, value] of new URLSearchParams(text)) {
    if (name.includes('\uFFFD') || value.includes('\uFFFD')) throw new BadEncoding();
    const previous = fields[name];
    if (previous === undefined) fields[name] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else fields[name] = [previous, value];
  }
  return fields;
}
