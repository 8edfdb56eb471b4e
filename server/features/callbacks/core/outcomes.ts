// What a call-back (真实度回访) can end in, and what each outcome says about the interview. A checker meets more than
// "the resident confirms" and "the resident denies": nobody answers, the line is busy or off, the resident refuses,
// the number is vacant, someone else answers. Those say nothing about the interviewer, so they are 未能核实 and never
// count against anyone; only a denied interview, or a confirmed one whose answers differ, is 核实不符.
// A call nobody answered (or a busy or switched-off line) may be tried again; every other outcome is final.

export const CALLBACK_OUTCOMES = [
  'confirmed', 'denied', 'not_remembered', 'no_answer', 'busy', 'refused', 'vacant', 'not_respondent',
] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export const CALLBACK_OUTCOME_LABELS: Readonly<Record<CallbackOutcome, string>> = {
  confirmed: '确认接受过访问',
  denied: '否认接受过访问',
  not_remembered: '不记得是否接受过访问',
  no_answer: '无人接听',
  busy: '占线或关机',
  refused: '拒绝回访',
  vacant: '空号或停机',
  not_respondent: '非受访者本人接听',
};

/** What the call-back found: 核实相符, 核实不符, 未能核实. */
export type CallbackVerdict = 'match' | 'mismatch' | 'unverified';

export const CALLBACK_VERDICT_LABELS: Readonly<Record<CallbackVerdict, string>> = {
  match: '核实相符',
  mismatch: '核实不符',
  unverified: '未能核实',
};

export function isCallbackOutcome(value: string): value is CallbackOutcome {
  return (CALLBACK_OUTCOMES as readonly string[]).includes(value);
}

/** Outcomes after which the checker may call the same number again. */
export function mayRetry(outcome: CallbackOutcome): boolean {
  return outcome === 'no_answer' || outcome === 'busy';
}

/** `matched`: whether the re-asked answers matched, for a confirmed interview (null otherwise). */
export function callbackVerdict(outcome: CallbackOutcome, matched: boolean | null): CallbackVerdict {
  if (outcome === 'confirmed') return matched === false ? 'mismatch' : 'match';
  if (outcome === 'denied') return 'mismatch';
  return 'unverified';
}
