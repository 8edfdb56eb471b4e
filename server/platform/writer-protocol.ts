// The messages between the server and the response writer's thread (writer-worker.ts). The server sends the
// responses of one turn of its event loop together; the thread answers each once it is committed and on disk, or
// with the error that stopped it. A response travels without its questionnaire (the thread reads the round's own
// from the database), its answers packed into one string (packAnswers), and an error as its name, message and SQLite
// code (structured clone keeps no other fields).
import type { InsertResult, NewResponse } from '../features/responses/responses-repo.js';
import type { Answers, AnswerValue } from '../core/survey/model.js';

export type WireResponse = Omit<NewResponse, 'survey' | 'answers'> & { answers: string };

/** Separators of the packed answers: control characters, which checked answers never hold (answers.ts drops them). */
const FIELD = '\u0001';
const ANSWER = '\u0002';
const CODE = '\u0003';
const SEPARATORS = /[\u0001-\u0003]/;

/**
 * Answers as one string: "P" then, per answer, its id, kind, codes or text and 其他 text, separated by control
 * characters; "J" and JSON when some string holds one of those. Structured clone of the ~20 small objects of a
 * questionnaire's answers cost ~14 µs of the server's thread per submission under load (bench/form.ts), a string ~3.
 */
export function packAnswers(answers: Answers): string {
  let packed = 'P';
  for (const id of Object.keys(answers)) {
    const value = answers[id];
    if (!packable(id, value)) return `J${JSON.stringify(answers)}`;
    packed += value.kind === 'text'
      ? `${id}${FIELD}t${FIELD}${value.text}${ANSWER}`
      : `${id}${FIELD}c${FIELD}${value.codes.join(CODE)}${value.other === undefined ? '' : FIELD + value.other}${ANSWER}`;
  }
  return packed;
}

/** Whether no string of the answer holds a separator (and a choice has a code: none would unpack as one empty code). */
function packable(id: string, value: AnswerValue): boolean {
  if (SEPARATORS.test(id)) return false;
  if (value.kind === 'text') return !SEPARATORS.test(value.text);
  if (value.codes.length === 0 || value.codes.some((code) => SEPARATORS.test(code))) return false;
  return value.other === undefined || !SEPARATORS.test(value.other);
}

export function unpackAnswers(packed: string): Answers {
  if (packed.startsWith('J')) return JSON.parse(packed.slice(1)) as Answers;
  const answers: Answers = {};
  for (const record of packed.slice(1).split(ANSWER)) {
    if (record === '') continue;
    const [id, kind, payload, other] = record.split(FIELD);
    let value: AnswerValue;
    if (kind === 't') value = { kind: 'text', text: payload };
    else value = other === undefined ? { kind: 'choice', codes: payload.split(CODE) } : { kind: 'choice', codes: payload.split(CODE), other };
    answers[id] = value;
  }
  return answers;
}

export interface WireError {
  name: string;
  message: string;
  code?: string;
}

export type WriterRequest =
  | { type: 'write'; items: Array<{ id: number; response: WireResponse }> }
  | { type: 'close' };

export type WriterReply =
  | { type: 'ready' }
  | { type: 'settled'; outcomes: Array<{ id: number; result: InsertResult } | { id: number; error: WireError }> }
  | { type: 'closed' };

function typed(value: unknown): value is { type: unknown } {
  return typeof value === 'object' && value !== null && 'type' in value;
}

export function isWriterRequest(value: unknown): value is WriterRequest {
  if (!typed(value)) return false;
  if (value.type === 'close') return true;
  return value.type === 'write' && 'items' in value && Array.isArray(value.items);
}

/** A reply from our own thread: the shape is checked, the payload (built by the same code there) trusted. */
export function isWriterReply(value: unknown): value is WriterReply {
  if (!typed(value)) return false;
  if (value.type === 'settled') return 'outcomes' in value && Array.isArray(value.outcomes);
  return value.type === 'ready' || value.type === 'closed';
}

export function wireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return code === undefined ? { name: error.name, message: error.message } : { name: error.name, message: error.message, code };
}

/** The error again on the server's side: its name and code as the thread saw them, for callers that test them. */
export function errorOf(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  return wire.code === undefined ? error : Object.assign(error, { code: wire.code });
}
