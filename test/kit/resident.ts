// Helpers for the resident form and API tests: reading what a page carries, building answers a resident would give
// (derived from the questionnaire itself, so the tests follow the shipped file) and counting stored rows.
import type { Test } from 'tap';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../server/platform/db.js';
import type { Answers, Survey, SurveyOption, SurveyQuestion } from '../../server/core/survey/model.js';
import { visibleQuestions } from '../../server/core/survey/answers.js';
import type { Poll } from './resident-poll.js';

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The value of a hidden field on a rendered form. */
export function hiddenField(html: string, name: string): string | undefined {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return m ? m[1].replace(/&#x3D;/g, '=') : undefined;
}

/** Option that is neither a screen-out, a follow-up nor a don't-know: a plain, content answer. */
function plainOption(q: SurveyQuestion): SurveyOption {
  return q.options.find((o) => !o.screenOut && !o.followUp && !o.excluded) ?? q.options[0];
}

/** Answers in form-field terms (question id → codes or text) for a complete, eligible, valid response. */
export type Plain = Record<string, string | string[]>;

/** The stored form of answers given as form fields (by default a complete, plain response). */
export function answersOf(survey: Survey, plain: Plain = completeAnswers(survey)): Answers {
  const answers: Answers = {};
  for (const [id, v] of Object.entries(plain)) {
    const q = [...survey.screening, ...survey.questions].find((x) => x.id === id);
    if (q?.type === 'text') answers[id] = { kind: 'text', text: String(v) };
    else answers[id] = { kind: 'choice', codes: Array.isArray(v) ? v : [v] };
  }
  return answers;
}

/** Fills every required visible question not in `given` with a plain answer, following conditions as they open. */
export function completeAnswers(survey: Survey, given: Plain = {}): Plain {
  const plain: Plain = { ...given };
  for (const q of survey.screening) if (!(q.id in plain)) plain[q.id] = plainOption(q).code;
  for (;;) {
    const missing = visibleQuestions(survey, answersOf(survey, plain)).filter(
      (q) => q.required && !(q.id in plain) && q.type !== 'text',
    );
    if (missing.length === 0) return plain;
    for (const q of missing) plain[q.id] = plainOption(q).code;
  }
}

/** The ids of the questions a page for these answers shows: what the hidden `shown` field lists. */
export function shownFor(survey: Survey, plain: Plain): string {
  return [...survey.screening, ...visibleQuestions(survey, answersOf(survey, plain))].map((q) => q.id).join(',');
}

/** A urlencoded form body: q_<id> per answer (repeated for several codes) plus extra fields. */
export function formBody(plain: Plain, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [id, v] of Object.entries(plain)) for (const code of Array.isArray(v) ? v : [v]) p.append(`q_${id}`, code);
  for (const [k, v] of Object.entries(extra)) p.append(k, v);
  return p.toString();
}

/** The question opened by a condition, the question it depends on and the option that opens it. */
export function conditional(survey: Survey): { parent: SurveyQuestion; child: SurveyQuestion; trigger: SurveyOption } {
  for (const child of survey.questions) {
    if (!child.showIf) continue;
    const parent = survey.questions.find((q) => q.id === child.showIf?.question);
    const trigger = parent?.options.find((o) => child.showIf?.anyOf.includes(o.code));
    if (parent && trigger) return { parent, child, trigger };
  }
  throw new Error('the questionnaire has no conditional question');
}

export function count(db: Db, table: 'responses' | 'answers' | 'receipts' | 'invites' | 'held_responses', where = '1 = 1'): number {
  const row = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get();
  return row?.n ?? 0;
}

/**
 * The one-time key and device cookie of the form page a resident opens (a new device unless `cookies` name one).
 * Resident posts only count with both: see server/features/resident-form/submission-key.ts.
 */
export async function openForm(
  app: FastifyInstance,
  gridCode: string,
  cookies: Record<string, string> = {},
): Promise<{ key: string; cookies: Record<string, string>; body: string }> {
  const page = await app.inject({ method: 'GET', url: `/g/${gridCode}`, cookies });
  const issued = deviceCookie(page);
  return { key: hiddenField(page.body, 'submission_key') ?? '', cookies: Object.keys(issued).length > 0 ? issued : cookies, body: page.body };
}

/**
 * POSTs answers as the page showing them would: the page is opened first (its device cookie and one-time key are
 * sent back), then the answers are posted with the list of questions it showed.
 */
export async function postAnswers(
  app: FastifyInstance,
  poll: Poll,
  plain: Plain,
  extra: Record<string, string> = {},
  cookies: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const form = await openForm(app, poll.gridCode, cookies);
  return app.inject({
    method: 'POST',
    url: `/g/${poll.gridCode}`,
    headers: FORM,
    cookies: form.cookies,
    payload: formBody(plain, { shown: shownFor(poll.survey, plain), submission_key: form.key, ...extra }),
  });
}

export function deviceCookie(res: { cookies: Array<{ name: string; value: string }> }): Record<string, string> {
  const c = res.cookies.find((x) => x.name === 'sp_dev');
  return c ? { sp_dev: c.value } : {};
}

/** The fieldset of one question on a rendered page. */
export function fieldset(html: string, questionId: string): string {
  const start = html.indexOf(`<fieldset id="f_${questionId}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</fieldset>', start));
}

/** What a resident sees when something is wrong: the status, an HTML page in Chinese (never JSON) and the message. */
export function assertChinesePage(t: Test, res: LightMyRequestResponse, status: number, message: string): void {
  t.equal(res.statusCode, status, `status ${status} for "${message}"`);
  t.match(res.headers['content-type'], /^text\/html; charset=utf-8/, 'an HTML page, not JSON');
  t.match(res.body, /<html lang="zh-CN"[ >]/);
  t.match(res.body, message);
}
