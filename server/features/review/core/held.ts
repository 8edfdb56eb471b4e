// A held response as the committee reviews it, and the checked reading of what was stored for it.
import type { AnswerValue, Answers } from '../../../core/survey/model.js';
import { maskPersonalData } from '../../../core/privacy/personal-data.js';
import { isHoldReason, type HoldReason, type ReviewState } from './anomaly.js';

export interface HeldResponse {
  id: number;
  roundId: number;
  gridId: number;
  status: 'complete' | 'screened_out';
  answers: Answers;
  reasons: HoldReason[];
  review: ReviewState;
  createdAt: string;
  decidedAt: string | null;
}

export interface ReviewCounts {
  held: number;
  accepted: number;
  rejected: number;
}

function answerValueOf(value: unknown): AnswerValue | null {
  if (typeof value !== 'object' || value === null) return null;
  const fields = new Map<string, unknown>(Object.entries(value));
  const kind = fields.get('kind');
  if (kind === 'text') {
    const text = fields.get('text');
    return typeof text === 'string' ? { kind: 'text', text } : null;
  }
  const codes = fields.get('codes');
  if (kind === 'choice' && Array.isArray(codes) && codes.every((c): c is string => typeof c === 'string')) {
    const other = fields.get('other');
    return typeof other === 'string' ? { kind: 'choice', codes, other } : { kind: 'choice', codes };
  }
  return null;
}

/** The answers stored with a held response (JSON written from checked answers); null if they are not answers. */
export function storedAnswers(json: string): Answers | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const answers: Answers = {};
  for (const [id, raw] of Object.entries(parsed)) {
    const value = answerValueOf(raw);
    if (!value) return null;
    answers[id] = value;
  }
  return answers;
}

/** The reasons stored with a held response; unknown names (a newer version) are left out. */
export function storedReasons(json: string): HoldReason[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter(isHoldReason) : [];
  } catch {
    return [];
  }
}

/** The answers with phone and ID-card numbers in free text masked: what may be stored in clear and shown. */
export function maskedAnswers(answers: Answers): Answers {
  const masked: Answers = {};
  for (const [id, value] of Object.entries(answers)) {
    if (value.kind === 'text') masked[id] = { kind: 'text', text: maskPersonalData(value.text) };
    else masked[id] = value.other === undefined ? value : { ...value, other: maskPersonalData(value.other) };
  }
  return masked;
}
