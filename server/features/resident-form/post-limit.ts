// The per-address limit on resident posts never costs a resident their answers. Residents of one compound or a
// community hall's Wi-Fi share an address, so the 61st post in a minute can be a real one: the limit is checked
// after the body is read (preHandler), and a limited post gets its form back, filled in, with a note (429).
import type { FastifyRequest } from 'fastify';
import { Value } from '@sinclair/typebox/value';
import { GridParams, ResidentFormBody, firstOf } from './schemas.js';
import { answersFromForm } from '../../core/survey/answers.js';
import type { Survey } from '../../core/survey/model.js';
import { keepVisibleAnswers, type FormState } from './form-model.js';

export const LIMIT_NOTICE = '此刻提交的人较多，请稍后再提交（约一分钟后）。您填写的答案都已保留在下面。';

/** Thrown by @fastify/rate-limit for a limited resident post; the resident plugin's error handler answers it. */
export class ResidentPostLimited extends Error {
  readonly statusCode = 429;
  constructor() {
    super(LIMIT_NOTICE);
    this.name = 'ResidentPostLimited';
  }
}

/** Route config of the resident POST: generous (shared addresses), checked once the body is parsed. */
export const RESIDENT_POST_LIMIT = {
  max: 60,
  timeWindow: '1 minute',
  hook: 'preHandler' as const,
  errorResponseBuilder: () => new ResidentPostLimited(),
};

/** The grid code and form body of a limited post, when they are what the route's schemas say. */
export function limitedPost(request: FastifyRequest): { gridCode: string; body: ResidentFormBody } | undefined {
  const { params, body } = request;
  if (!Value.Check(GridParams, params) || !Value.Check(ResidentFormBody, body)) return undefined;
  return { gridCode: params.gridCode, body };
}

/** The form as it was posted, with the note: nothing checked, nothing stored (the next post does both). */
export function limitedState(survey: Survey, body: ResidentFormBody, textSize: string): FormState {
  return {
    answers: keepVisibleAnswers(survey, answersFromForm(survey, body)),
    errors: [],
    revealed: [],
    submissionKey: firstOf(body.submission_key) ?? '',
    invite: firstOf(body.invite),
    replyContact: firstOf(body.reply_contact),
    householdCode: firstOf(body.household_code),
    notice: LIMIT_NOTICE,
    textSize,
  };
}
