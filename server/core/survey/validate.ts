// Turns a parsed questionnaire file into a Survey, collecting every problem with the file and question it concerns.
import type {
  QuestionType,
  ShowIf,
  Survey,
  SurveyComposite,
  SurveyIndex,
  SurveyOption,
  SurveyQuestion,
} from './model.js';
import { shortNameProblem } from './short-names.js';

export interface SurveyProblem {
  questionId?: string;
  problem: string;
}

export class SurveyFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: SurveyProblem[],
  ) {
    super(problems.map((p) => `${file}: ${p.questionId ? `question ${p.questionId}: ` : ''}${p.problem}`).join('\n'));
    this.name = 'SurveyFileError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const QUESTION_TYPES: QuestionType[] = ['single', 'multiple', 'yesno', 'text'];
const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;
const DEFAULT_TEXT_MAX = 500;

class Collector {
  readonly problems: SurveyProblem[] = [];
  add(problem: string, questionId?: string): void {
    this.problems.push(questionId ? { questionId, problem } : { problem });
  }
}

function str(obj: Obj, key: string, c: Collector, where?: string, required = true): string {
  const v = obj[key];
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number') return String(v);
  if (v !== undefined || required) c.add(`"${key}" must be a non-empty text`, where);
  return '';
}

function parseShortName(obj: Obj, c: Collector, where: string): string | undefined {
  const problem = shortNameProblem(obj.shortName);
  if (problem) c.add(problem, where);
  return problem || typeof obj.shortName !== 'string' ? undefined : obj.shortName.trim();
}

function optBool(obj: Obj, key: string, c: Collector, where: string): boolean | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') {
    c.add(`"${key}" must be true or false`, where);
    return undefined;
  }
  return v;
}

function parseOption(raw: unknown, index: number, c: Collector, qid: string): SurveyOption | undefined {
  if (!isObj(raw)) {
    c.add(`option ${index + 1} must be a mapping with code and label`, qid);
    return undefined;
  }
  const code = str(raw, 'code', c, qid);
  const label = str(raw, 'label', c, qid);
  const option: SurveyOption = { code, label };
  if (raw.score !== undefined) {
    if (typeof raw.score !== 'number' || !Number.isFinite(raw.score) || raw.score < 0 || raw.score > 100) {
      c.add(`option "${code}" has score ${JSON.stringify(raw.score)} (must be 0–100)`, qid);
    } else option.score = raw.score;
  }
  for (const flag of ['excluded', 'followUp', 'screenOut', 'correct', 'other'] as const) {
    const v = optBool(raw, flag, c, qid);
    if (v) option[flag] = true;
  }
  if (option.excluded && option.score !== undefined) c.add(`option "${code}" is excluded and must not have a score`, qid);
  const known = new Set(['code', 'label', 'score', 'excluded', 'followUp', 'screenOut', 'correct', 'other']);
  for (const key of Object.keys(raw)) if (!known.has(key)) c.add(`option "${code}" has unknown field "${key}"`, qid);
  return option;
}

function parseShowIf(raw: unknown, c: Collector, qid: string): ShowIf | undefined {
  if (raw === undefined) return undefined;
  if (!isObj(raw) || typeof raw.question !== 'string' || !Array.isArray(raw.anyOf) || raw.anyOf.length === 0) {
    c.add('"showIf" must be { question: ID, anyOf: [codes] }', qid);
    return undefined;
  }
  return { question: raw.question, anyOf: raw.anyOf.map((x) => String(x)) };
}

function parseQuestion(raw: unknown, index: number, c: Collector, screening: boolean): SurveyQuestion | undefined {
  if (!isObj(raw)) {
    c.add(`${screening ? 'screening' : 'question'} ${index + 1} must be a mapping`);
    return undefined;
  }
  const id = str(raw, 'id', c, undefined);
  if (id && !ID_PATTERN.test(id)) c.add(`id "${id}" must start with a letter and use only letters, digits, _ and -`, id);
  const where = id || `#${index + 1}`;
  const text = str(raw, 'text', c, where);
  const typeRaw = raw.type;
  const type = QUESTION_TYPES.find((t) => t === typeRaw);
  if (!type) c.add(`type ${JSON.stringify(typeRaw)} is not one of ${QUESTION_TYPES.join(', ')}`, where);
  const qtype: QuestionType = type ?? 'single';

  let options: SurveyOption[] = [];
  if (raw.options !== undefined) {
    if (!Array.isArray(raw.options)) c.add('"options" must be a list', where);
    else options = raw.options.map((o, i) => parseOption(o, i, c, where)).filter((o): o is SurveyOption => o !== undefined);
  }
  if (qtype === 'yesno' && options.length === 0) options = [{ code: 'Y', label: '是' }, { code: 'N', label: '否' }];

  const required = optBool(raw, 'required', c, where) ?? qtype !== 'text';
  const question: SurveyQuestion = { id, text, type: qtype, required, options };
  const showIf = parseShowIf(raw.showIf, c, where);
  if (showIf) question.showIf = showIf;
  if (raw.hint !== undefined) question.hint = str(raw, 'hint', c, where);
  if (raw.section !== undefined) question.section = str(raw, 'section', c, where);
  const shortName = parseShortName(raw, c, where);
  if (shortName) question.shortName = shortName;
  for (const flag of ['receipt', 'knowledge'] as const) {
    const v = optBool(raw, flag, c, where);
    if (v) question[flag] = true;
  }
  for (const key of ['maxLength', 'maxChoices'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) c.add(`"${key}" must be a positive whole number`, where);
    else question[key] = v;
  }
  if (qtype === 'text' && question.maxLength === undefined) question.maxLength = DEFAULT_TEXT_MAX;
  const known = new Set(['id', 'text', 'type', 'required', 'options', 'showIf', 'hint', 'section', 'receipt', 'knowledge', 'maxLength', 'maxChoices', 'shortName']);
  for (const key of Object.keys(raw)) if (!known.has(key)) c.add(`unknown field "${key}"`, where);
  return question;
}

function checkQuestion(q: SurveyQuestion, c: Collector, screening: boolean, earlier: Map<string, SurveyQuestion>): void {
  const codes = new Set<string>();
  for (const o of q.options) {
    if (codes.has(o.code)) c.add(`option code "${o.code}" is used twice`, q.id);
    codes.add(o.code);
  }
  if (q.type === 'text') {
    if (q.options.length > 0) c.add('a text question has no options', q.id);
  } else if (q.options.length < 2) c.add('a choice question needs at least two options', q.id);
  if (q.type === 'multiple' && q.options.some((o) => o.score !== undefined)) c.add('options of a multiple-choice question carry no score', q.id);
  if (q.maxChoices !== undefined && (q.type !== 'multiple' || q.maxChoices > q.options.length)) {
    c.add('"maxChoices" applies to multiple choice and cannot exceed the number of options', q.id);
  }
  if (q.maxLength !== undefined && q.type !== 'text') c.add('"maxLength" applies to text questions only', q.id);
  if (q.receipt && q.type !== 'text') c.add('"receipt" applies to text questions only', q.id);
  if (q.options.filter((o) => o.other).length > 1) c.add('at most one option of a question can be "other"', q.id);
  if (q.knowledge && !q.options.some((o) => o.correct)) c.add('a knowledge question needs at least one option marked correct', q.id);
  if (!q.knowledge && q.options.some((o) => o.correct)) c.add('"correct" options belong to knowledge questions only', q.id);
  if (screening) {
    if (q.type !== 'single' && q.type !== 'yesno') c.add('screening questions must be single choice or yes/no', q.id);
    if (q.showIf) c.add('screening questions cannot be conditional', q.id);
  } else if (q.options.some((o) => o.screenOut)) c.add('"screenOut" belongs to screening questions only', q.id);
  if (q.showIf) {
    const target = earlier.get(q.showIf.question);
    if (!target) c.add(`showIf refers to "${q.showIf.question}", which is not an earlier question`, q.id);
    else if (target.type === 'text') c.add(`showIf refers to text question "${target.id}"`, q.id);
    else {
      for (const code of q.showIf.anyOf) {
        if (!target.options.some((o) => o.code === code)) c.add(`showIf code "${code}" is not an option of ${target.id}`, q.id);
      }
    }
  }
}

function isScored(q: SurveyQuestion | undefined): boolean {
  return !!q && (q.type === 'single' || q.type === 'yesno') && q.options.every((o) => o.excluded || o.score !== undefined);
}

function parseIndices(raw: unknown, c: Collector, byId: Map<string, SurveyQuestion>): SurveyIndex[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    c.add('"indices" must be a non-empty list');
    return [];
  }
  const out: SurveyIndex[] = [];
  const seen = new Set<string>();
  const needScored = (qid: string, indexId: string) => {
    const q = byId.get(qid);
    if (!q) c.add(`index "${indexId}" refers to unknown question "${qid}"`);
    else if (!isScored(q)) c.add(`index "${indexId}" needs a single/yes-no question with a score on every substantive option`, qid);
  };
  raw.forEach((item, i) => {
    if (!isObj(item)) return c.add(`index ${i + 1} must be a mapping`);
    const id = str(item, 'id', c);
    const name = str(item, 'name', c);
    if (seen.has(id)) c.add(`index id "${id}" is used twice`);
    seen.add(id);
    const shortName = parseShortName(item, c, id);
    const named = (ix: SurveyIndex): SurveyIndex => (shortName ? { ...ix, shortName } : ix);
    if (item.kind === 'item') {
      const question = str(item, 'question', c);
      needScored(question, id);
      out.push(named({ id, name, kind: 'item', question }));
    } else if (item.kind === 'rate') {
      const question = str(item, 'question', c);
      const options = Array.isArray(item.options) ? item.options.map((x) => String(x)) : [];
      const q = byId.get(question);
      if (!q || q.type === 'text') c.add(`rate "${id}" needs a choice question, got "${question}"`);
      if (options.length === 0) c.add(`rate "${id}" needs a non-empty "options" list`);
      for (const code of options) {
        const opt = q?.options.find((o) => o.code === code);
        if (q && !opt) c.add(`rate "${id}" counts option "${code}", which the question does not have`, question);
        if (opt?.excluded) c.add(`rate "${id}" counts excluded option "${code}"`, question);
      }
      out.push(named({ id, name, kind: 'rate', question, options }));
    } else if (item.kind === 'mean') {
      const questions = Array.isArray(item.questions) ? item.questions.map((x) => String(x)) : [];
      if (questions.length < 2) c.add(`mean index "${id}" needs at least two questions`);
      questions.forEach((qid) => needScored(qid, id));
      out.push(named({ id, name, kind: 'mean', questions }));
    } else c.add(`index "${id}" has kind ${JSON.stringify(item.kind)} (must be item, rate or mean)`);
  });
  return out;
}

function parseComposite(raw: unknown, c: Collector, indices: SurveyIndex[]): SurveyComposite {
  if (!isObj(raw) || !isObj(raw.weights)) {
    c.add('"composite" must have a name and weights');
    return { name: '', weights: {} };
  }
  const name = str(raw, 'name', c);
  const weights: Record<string, number> = {};
  let sum = 0;
  for (const [id, w] of Object.entries(raw.weights)) {
    if (!indices.some((x) => x.id === id)) c.add(`composite weight refers to unknown index "${id}"`);
    if (typeof w !== 'number' || !(w > 0)) c.add(`composite weight of "${id}" must be a positive number`);
    else {
      weights[id] = w;
      sum += w;
    }
  }
  if (Object.keys(weights).length === 0) c.add('composite needs at least one weight');
  else if (Math.abs(sum - 1) > 1e-9) c.add(`composite weights sum to ${Number(sum.toFixed(12))}, not 1`);
  return { name, weights };
}

/** Validates a parsed questionnaire; throws SurveyFileError listing every problem found. */
export function validateSurvey(raw: unknown, file: string): Survey {
  const c = new Collector();
  if (!isObj(raw)) throw new SurveyFileError(file, [{ problem: 'the file must contain a questionnaire mapping' }]);
  const id = str(raw, 'id', c);
  if (id && !ID_PATTERN.test(id)) c.add(`survey id "${id}" must start with a letter and use only letters, digits, _ and -`);
  const list = (key: string): unknown[] => {
    const v = raw[key];
    if (v === undefined && key === 'screening') return [];
    if (!Array.isArray(v)) {
      c.add(`"${key}" must be a list`);
      return [];
    }
    return v;
  };
  const screening = list('screening').map((q, i) => parseQuestion(q, i, c, true)).filter((q): q is SurveyQuestion => !!q);
  const questions = list('questions').map((q, i) => parseQuestion(q, i, c, false)).filter((q): q is SurveyQuestion => !!q);
  if (questions.length === 0) c.add('the questionnaire has no questions');

  const earlier = new Map<string, SurveyQuestion>();
  for (const [q, isScreening] of [...screening.map((q) => [q, true] as const), ...questions.map((q) => [q, false] as const)]) {
    if (q.id && earlier.has(q.id)) c.add('question id is used twice', q.id);
    checkQuestion(q, c, isScreening, earlier);
    if (q.id) earlier.set(q.id, q);
  }
  if (screening.length > 0 && !screening.some((q) => q.options.some((o) => o.screenOut))) {
    c.add('screening questions need at least one option marked screenOut');
  }
  const indices = parseIndices(raw.indices, c, earlier);
  const composite = parseComposite(raw.composite, c, indices);
  const survey: Survey = {
    id,
    title: str(raw, 'title', c),
    intro: str(raw, 'intro', c),
    screenOutMessage: str(raw, 'screenOutMessage', c),
    thankYou: str(raw, 'thankYou', c),
    screening,
    questions,
    indices,
    composite,
  };
  if (raw.style !== undefined) survey.style = str(raw, 'style', c);
  if (raw.publicTitle !== undefined) survey.publicTitle = str(raw, 'publicTitle', c);
  const known = new Set(['id', 'title', 'publicTitle', 'intro', 'screenOutMessage', 'thankYou', 'style', 'screening', 'questions', 'indices', 'composite']);
  for (const key of Object.keys(raw)) if (!known.has(key)) c.add(`unknown top-level field "${key}"`);
  if (c.problems.length > 0) throw new SurveyFileError(file, c.problems);
  return survey;
}
