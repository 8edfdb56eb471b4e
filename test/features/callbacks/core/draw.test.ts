// The call-back draw (真实度回访): the share per interviewer, at least one each, the same draw for the same seed.
import t from 'tap';
import { callbackQuota, drawCallbacks, drawSeed, parseSharePercent, type CompletedInterview } from '../../../../server/features/callbacks/core/draw.js';
import { callbackVerdict, mayRetry } from '../../../../server/features/callbacks/core/outcomes.js';
import { answersMatch, callbackRefusal, callbackReport, tallyCallbacks } from '../../../../server/features/callbacks/core/check.js';

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
    { interviewerId: 1, outcome: 'confirmed' as const, matched: true },
    { interviewerId: 1, outcome: 'confirmed' as const, matched: false },
    { interviewerId: 1, outcome: 'denied' as const, matched: null },
    { interviewerId: 2, outcome: 'confirmed' as const, matched: true },
  ];
  const report = callbackReport(new Map([[1, 4], [2, 1]]), records);
  t.same(report[0], {
    interviewerId: 1, drawn: 4, checked: 3, confirmed: 2, matched: 1, mismatches: 2, unverified: 0, confirmedRate: 2 / 3, matchedRate: 0.5,
    verifiedMatchRate: 1 / 3,
  });
  t.same(report[1], {
    interviewerId: 2, drawn: 1, checked: 1, confirmed: 1, matched: 1, mismatches: 0, unverified: 0, confirmedRate: 1, matchedRate: 1, verifiedMatchRate: 1,
  });
  t.same(tallyCallbacks(0, []), {
    drawn: 0, checked: 0, confirmed: 0, matched: 0, mismatches: 0, unverified: 0, confirmedRate: null, matchedRate: null, verifiedMatchRate: null,
  });
});

t.test('call-backs that could not check the interview count against nobody', async (t) => {
  const records = (['no_answer', 'busy', 'refused', 'vacant', 'not_respondent', 'not_remembered'] as const).map((outcome) => ({
    interviewerId: 1, outcome, matched: null,
  }));
  const tally = tallyCallbacks(8, [...records, { interviewerId: 1, outcome: 'confirmed', matched: true }, { interviewerId: 1, outcome: 'denied', matched: null }]);
  t.same([tally.checked, tally.matched, tally.mismatches, tally.unverified], [8, 1, 1, 6]);
  t.equal(tally.verifiedMatchRate, 0.5, 'of the verified call-backs only');
  t.equal(tally.confirmedRate, 1 / 3, 'of the residents reached (confirmed, denied, not remembered), not of the calls');
  t.equal(callbackVerdict('no_answer', null), 'unverified');
  t.equal(callbackVerdict('confirmed', false), 'mismatch');
  t.ok(mayRetry('no_answer'));
  t.notOk(mayRetry('refused'));
});

t.test('a further draw tops each interviewer up over the interviews not drawn yet, never one twice', async (t) => {
  const first = Array.from({ length: 10 }, (_, i) => ({ responseId: i + 1, interviewerId: 7 }));
  const drawn1 = drawCallbacks(first, 0.2, 'R');
  t.equal(drawn1.length, 2);
  t.same(drawCallbacks(first, 0.2, 'R', new Set(drawn1.map((d) => d.responseId))), [], 'nothing more is due');
  const later = Array.from({ length: 10 }, (_, i) => ({ responseId: 100 + i, interviewerId: 7 }));
  const already = new Set(drawn1.map((d) => d.responseId));
  const drawn2 = drawCallbacks([...first, ...later], 0.2, drawSeed('R', 2), already);
  t.equal(drawn2.length, 2, '20% of 20 is 4, 2 were drawn');
  t.notOk(drawn2.some((d) => already.has(d.responseId)), 'none drawn twice');
  const all = drawCallbacks([...first, ...later], 1, drawSeed('R', 2), already);
  t.same(all.map((d) => d.responseId).sort((a, b) => a - b), [...first, ...later].map((d) => d.responseId).filter((id) => !already.has(id)),
    'at 100% every interview not drawn yet, those completed later included');
  t.equal(drawSeed('R', 1), 'R', 'the first draw keeps its seed');
});
