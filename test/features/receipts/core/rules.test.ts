// Which answers open a receipt and what it says: plain values in, drafts out (features/receipts/core/rules.ts).
import t from 'tap';
import { followUpBody, receiptsFor, withReceipts } from '../../../../server/features/receipts/core/rules.js';
import type { Answers, Survey } from '../../../../server/core/survey/model.js';

const survey: Survey = {
  id: 'tiny',
  title: '小问卷',
  intro: '',
  screenOutMessage: '',
  thankYou: '',
  screening: [{ id: 'S1', text: '您是否本地居民？', type: 'yesno', required: true, options: [{ code: '1', label: '是' }, { code: '2', label: '否', screenOut: true }] }],
  questions: [
    {
      id: 'Q1',
      text: '您觉得本地治安怎么样？',
      type: 'single',
      required: true,
      options: [{ code: 'A', label: '很安全', score: 100 }, { code: 'D', label: '不安全', score: 0, followUp: true }],
    },
    {
      id: 'Q2',
      text: '哪些问题让您担心？',
      type: 'multiple',
      required: false,
      options: [{ code: 'X', label: '盗窃', followUp: true }, { code: 'Y', label: '诈骗', followUp: true }, { code: 'Z', label: '没有' }],
    },
    { id: 'T1', text: '您的意见建议', type: 'text', required: false, options: [], receipt: true },
    { id: 'T2', text: '其他说明', type: 'text', required: false, options: [] },
  ],
  indices: [],
  composite: { name: '综合', weights: {} },
};

const choice = (...codes: string[]) => ({ kind: 'choice' as const, codes });
const text = (value: string) => ({ kind: 'text' as const, text: value });

t.test('a plain complete response opens nothing', async (t) => {
  t.same(receiptsFor(survey, 'complete', { S1: choice('1'), Q1: choice('A'), Q2: choice('Z') }), []);
});

t.test('a suggestion opens a receipt with the trimmed text; a blank or unmarked text does not', async (t) => {
  t.same(receiptsFor(survey, 'complete', { Q1: choice('A'), T1: text('  路灯坏了 \n') }), [
    { source: 'suggestion', questionId: 'T1', body: '路灯坏了' },
  ]);
  t.same(receiptsFor(survey, 'complete', { T1: text('   ') }), [], 'blank text');
  t.same(receiptsFor(survey, 'complete', { T2: text('随便说说') }), [], 'a text question without the receipt flag');
});

t.test('a phone number typed into a suggestion is masked in the receipt body', async (t) => {
  const [draft] = receiptsFor(survey, 'complete', { T1: text('路灯坏了，请打13912345678联系我') });
  t.equal(draft.source, 'suggestion');
  t.notMatch(draft.body, '13912345678');
  t.match(draft.body, '路灯坏了');
});

t.test('each dissatisfied answer opens a follow-up naming the question and the answer, in answer order', async (t) => {
  const answers: Answers = { Q1: choice('D'), Q2: choice('Y', 'Z', 'X'), T1: text('希望多巡逻') };
  t.same(receiptsFor(survey, 'complete', answers), [
    { source: 'follow_up', questionId: 'Q1', body: '您觉得本地治安怎么样？（回答：不安全）' },
    { source: 'follow_up', questionId: 'Q2', body: '哪些问题让您担心？（回答：诈骗）' },
    { source: 'follow_up', questionId: 'Q2', body: '哪些问题让您担心？（回答：盗窃）' },
    { source: 'suggestion', questionId: 'T1', body: '希望多巡逻' },
  ]);
  t.equal(followUpBody('问', '答'), '问（回答：答）');
});

t.test('a screened-out response opens none, whatever it holds', async (t) => {
  t.same(receiptsFor(survey, 'screened_out', { S1: choice('2'), Q1: choice('D'), T1: text('有意见') }), []);
});

t.test('unknown questions and codes open nothing (answers are checked before this)', async (t) => {
  t.same(receiptsFor(survey, 'complete', { Q9: choice('D'), Q1: choice('NOPE') }), []);
});

t.test('withReceipts keeps the response and adds its receipts', async (t) => {
  const r = withReceipts({ roundId: 7, survey, status: 'complete' as const, answers: { Q1: choice('D') } });
  t.equal(r.roundId, 7);
  t.same(r.receipts, [{ source: 'follow_up', questionId: 'Q1', body: '您觉得本地治安怎么样？（回答：不安全）' }]);
});
