// The questionnaire's conditions as CSS, so the form answers a tap at once with no script: a follow-up appears when
// its trigger is checked (`form:has(input[…]:checked) #f_Q1a`), and the screen-out ending shows (and the main
// questions step aside) when a screening answer ends the interview. Everything sits inside
// @supports selector(:has(*)): a browser without :has() keeps the server's reveal after 提交, as before.
// The text comes from the questionnaire file (codes and ids), never from a resident; it is escaped for CSS strings.
import type { Survey, SurveyQuestion } from '../../core/survey/model.js';

/** A CSS string literal: quotes, backslashes and anything that could close the style element escaped. */
function cssString(value: string): string {
  return `"${value.replace(/[^\w\u00A0-\uFFFF-]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

function checked(questionId: string, code: string): string {
  return `input[name=${cssString(`q_${questionId}`)}][value=${cssString(code)}]:checked`;
}

function followUpRule(q: SurveyQuestion): string {
  const showIf = q.showIf;
  if (!showIf) return '';
  const triggers = showIf.anyOf.map((code) => checked(showIf.question, code)).join(',');
  return `form:has(${triggers}) #f_${q.id}{display:block}`;
}

function screenOutRule(survey: Survey): string {
  const endings = survey.screening.flatMap((q) => q.options.filter((o) => o.screenOut).map((o) => checked(q.id, o.code)));
  if (endings.length === 0) return '';
  const any = endings.join(',');
  return `form:has(${any}) #so{display:block}form:has(${any}) .main{display:none}${laterScreeningRules(survey)}`;
}

/** An answer that ends the interview also hides the screening questions after it: nothing more to ask. */
function laterScreeningRules(survey: Survey): string {
  return survey.screening
    .map((q, i) => {
      const ends = q.options.filter((o) => o.screenOut).map((o) => checked(q.id, o.code)).join(',');
      const later = survey.screening.slice(i + 1).map((l) => `#f_${l.id}`).join(',');
      return ends && later ? `form:has(${ends}) :is(${later}){display:none}` : '';
    })
    .join('');
}

/** The CSS for one questionnaire: a few hundred bytes. */
export function conditionCss(survey: Survey): string {
  const rules = [...survey.questions.map(followUpRule), screenOutRule(survey)].join('');
  // Follow-ups start hidden and the rules show them; a 其他 box shows while its option is checked.
  return `@supports selector(:has(*)){.if,.ot{display:none}label.o:has(input:checked)+.ot{display:block}${rules}}`;
}
