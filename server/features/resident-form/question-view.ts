// One question as the form template shows it: its fixed number (3, 3.1), its answer, its error, whether it just
// appeared, and whether the server hides it (a follow-up whose condition does not hold for the answers it has; the
// page's condition CSS shows it the moment its trigger is tapped, see condition-css.ts).
import type { Answers, SurveyQuestion } from '../../core/survey/model.js';
import type { AnswerError } from '../../core/survey/answers.js';
import { OTHER_FIELD_PREFIX, OTHER_MAX_LENGTH } from '../../core/survey/other-text.js';

interface OtherBoxView {
  name: string;
  value: string;
  maxLength: number;
  label: string;
}

interface OptionView {
  code: string;
  label: string;
  checked: boolean;
  /** The 其他（请注明） text box that goes with this option. */
  other?: OtherBoxView;
}

export interface QuestionView {
  id: string;
  name: string;
  number: string;
  text: string;
  section?: string;
  hint?: string;
  required: boolean;
  /** Single choice (or yes/no) that must be answered: a radiogroup with aria-required. */
  requiredGroup: boolean;
  isText: boolean;
  inputType: 'radio' | 'checkbox';
  options: OptionView[];
  value: string;
  maxLength?: number;
  /** The most boxes a multiple choice takes: the draft script stops one more tick in the browser. */
  maxChoices?: number;
  error?: string;
  isNew: boolean;
  /** A follow-up (shown only for some answers): the condition CSS shows and hides it as the answers change. */
  conditional: boolean;
  /** Not shown for the answers the server has: rendered with `hidden` (the condition CSS may still show it). */
  hidden: boolean;
  describedBy?: string;
  /** The contact field, shown after the last text question that opens a receipt. */
  contact?: { name: string; label: string; hint: string; value: string; error?: string };
}

export interface QuestionPlace {
  number: string;
  section: string | undefined;
  /** Whether the question is shown for the answers so far. */
  visible: boolean;
}

function optionViews(q: SurveyQuestion, answers: Answers): OptionView[] {
  const answer = answers[q.id];
  const codes = answer?.kind === 'choice' ? answer.codes : [];
  const otherText = answer?.kind === 'choice' ? answer.other ?? '' : '';
  return q.options.map((o) => {
    const view: OptionView = { code: o.code, label: o.label, checked: codes.includes(o.code) };
    if (o.other) view.other = { name: `${OTHER_FIELD_PREFIX}${q.id}`, value: otherText, maxLength: OTHER_MAX_LENGTH, label: `请注明“${o.label.replace(/（请注明）$/, '')}”的具体内容` };
    return view;
  });
}

export function questionView(q: SurveyQuestion, place: QuestionPlace, answers: Answers, errors: readonly AnswerError[], revealed: readonly string[]): QuestionView {
  const answer = answers[q.id];
  const error = errors.find((e) => e.questionId === q.id)?.message;
  const described = [q.hint ? `h_${q.id}` : '', error ? `e_${q.id}` : ''].filter(Boolean).join(' ');
  return {
    id: q.id,
    name: `q_${q.id}`,
    number: place.number,
    text: q.text,
    section: place.section,
    hint: q.hint,
    required: q.required,
    requiredGroup: q.required && q.type !== 'text' && q.type !== 'multiple',
    isText: q.type === 'text',
    inputType: q.type === 'multiple' ? 'checkbox' : 'radio',
    options: optionViews(q, answers),
    value: answer?.kind === 'text' ? answer.text : '',
    maxLength: q.maxLength,
    maxChoices: q.type === 'multiple' ? q.maxChoices : undefined,
    error,
    isNew: revealed.includes(q.id),
    conditional: q.showIf !== undefined,
    hidden: !place.visible,
    describedBy: described || undefined,
  };
}
