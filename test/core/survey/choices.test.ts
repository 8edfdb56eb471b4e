// Packed choices: two characters per chosen option (question position, option position), nothing else.
import t from 'tap';
import { CHOICE_BASE, RESPONSE_SEPARATOR, packChoices } from '../../../server/core/survey/choices.js';
import type { Survey, SurveyQuestion } from '../../../server/core/survey/model.js';

function question(id: string, type: SurveyQuestion['type'], codes: string[]): SurveyQuestion {
  return { id, text: id, type, required: true, options: codes.map((code) => ({ code, label: code })) };
}

const SURVEY: Survey = {
  id: 'pack',
  title: '打包',
  intro: '',
  screenOutMessage: '',
  thankYou: '',
  screening: [question('S1', 'single', ['1', '2'])],
  questions: [question('Q1', 'single', ['A', 'B', 'C']), question('T1', 'text', []), question('M1', 'multiple', ['X', 'Y', 'Z'])],
  indices: [],
  composite: { name: '综合', weights: {} },
};

const at = (question: number, option: number) => String.fromCharCode(CHOICE_BASE + question, CHOICE_BASE + option);

t.test('each chosen option is its question and option position; screening, text and unknown codes are left out', async (t) => {
  const packed = packChoices(SURVEY, {
    S1: { kind: 'choice', codes: ['1'] },
    Q1: { kind: 'choice', codes: ['C'] },
    T1: { kind: 'text', text: '路灯坏了' },
    M1: { kind: 'choice', codes: ['X', 'Q', 'Z'] },
  });
  t.equal(packed, at(0, 2) + at(2, 0) + at(2, 2));
  t.equal(packed, '022022', 'readable in a SQL shell');
  t.notOk(packed.includes(RESPONSE_SEPARATOR), 'never contains the separator between responses');
});

t.test('a response without choices packs to an empty string', async (t) => {
  t.equal(packChoices(SURVEY, { S1: { kind: 'choice', codes: ['2'] } }), '');
});
