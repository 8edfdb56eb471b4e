// The call-back draw (真实度回访): the share per interviewer, at least one each, the same draw for the same seed.
import t from 'tap';
import { callbackQuota, drawCallbacks, parseSharePercent, type CompletedInterview } from '../../../server/domain/callbacks/draw.js';
import { answersMatch, callbackRefusal, callbackReport, tallyCallbacks } from '../../../server/domain/callbacks/check.js';

function interviews(counts: Record<number, number>): CompletedInterview[] {
  let id = 0;
  return Object.entries(counts).flatMap(([interviewer, n]) =>
    Array.from({ length: n }, () => ({ responseId: ++id, interviewerId: Number(interviewer) })),
  );
}

t.test('each interviewer gets ⌈share·n⌉ call-backs, at least one', async (t) => {
  t.equal(callbackQuota(25, 0.1), 3);
  t.equal(callbackQuota(20, 0.1), 2, 'an exact share is not rounded up past itself');
  t.equal(callbackQuota(1, 0.1), 1);
  t.equal(callbackQuota(5, 0), 0, 'a share of 0 draws nothing');
  t.equal(callbackQuota(4, 1), 4);
  const all = interviews({ 7: 25, 8: 8, 9: 1 });
  const drawn = drawCallbacks(all, 0.1, '2025-01-hunan-100');
  const per = (id: number) => drawn.filter((d) => d.interviewerId === id).length;
  t.same([per(7), per(8), per(9)], [3, 1, 1]);
  t.equal(new Set(drawn.map((d) => d.responseId)).size, drawn.length, 'no interview twice');
});

t.test('the same interviews, share and seed give the same draw, whatever order they come in', async (t) => {
  const all = interviews({ 1: 40, 2: 30 });
  const a = drawCallbacks(all, 0.1, 'round-a');
  const b = drawCallbacks([...all].reverse(), 0.1, 'round-a');
  t.same(a, b);
  const c = drawCallbacks(all, 0.1, 'round-b');
  t.not(JSON.stringify(a), JSON.stringify(c), 'another seed draws other interviews');
  t.throws(() => drawCallbacks(all, 1.5, 'x'), RangeError);
});

t.test('shares typed as percentages', async (t) => {
  t.equal(parseSharePercent('10'), 0.1);
  t.equal(parseSharePercent(' 12.5% '), 0.125);
  t.equal(parseSharePercent('101'), null);
  t.equal(parseSharePercent('abc'), null);
});

t.test('the interviewer may not call back their own interview', async (t) => {
  t.match(callbackRefusal(5, 5), '不能回访本人完成的访问');
  t.equal(callbackRefusal(5, 6), null);
  t.equal(callbackRefusal(5, null), null);
});

t.test('answers match when every asked question gets the stored code; the report per interviewer', async (t) => {
  const q = (id: string) => ({ id, text: id, type: 'single' as const, required: true, options: [] });
  const stored = { Q1: { kind: 'choice' as const, codes: ['A'] }, Q2: { kind: 'choice' as const, codes: ['B'] } };
  t.ok(answersMatch([q('Q1'), q('Q2')], stored, { Q1: { kind: 'choice', codes: ['A'] }, Q2: { kind: 'choice', codes: ['B'] } }));
  t.notOk(answersMatch([q('Q1'), q('Q2')], stored, { Q1: { kind: 'choice', codes: ['A'] }, Q2: { kind: 'choice', codes: ['C'] } }));
  const records = [
    { interviewerId: 1, confirmed: true, matched: true },
    { interviewerId: 1, confirmed: true, matched: false },
    { interviewerId: 1, confirmed: false, matched: null },
    { interviewerId: 2, confirmed: true, matched: true },
  ];
  const report = callbackReport(new Map([[1, 4], [2, 1]]), records);
  t.same(report[0], { interviewerId: 1, drawn: 4, checked: 3, confirmed: 2, matched: 1, mismatches: 2, confirmedRate: 2 / 3, matchedRate: 0.5 });
  t.same(report[1], { interviewerId: 2, drawn: 1, checked: 1, confirmed: 1, matched: 1, mismatches: 0, confirmedRate: 1, matchedRate: 1 });
  t.same(tallyCallbacks(0, []), { drawn: 0, checked: 0, confirmed: 0, matched: 0, mismatches: 0, confirmedRate: null, matchedRate: null });
});
