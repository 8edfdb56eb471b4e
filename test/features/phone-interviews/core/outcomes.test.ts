// The CATI outcomes' AAPOR dispositions, retry flags and roster marks, with plain values.
import t from 'tap';
import {
  CALL_OUTCOMES, OUTCOME_LABELS, OUTCOME_RULES, contactMarkOf, dispositionOf, isCallOutcome, outcomeOfStoredResponse,
} from '../../../../server/features/phone-interviews/core/outcomes.js';

t.test('each outcome has its AAPOR disposition, first contact and after someone was reached', async (t) => {
  const never = Object.fromEntries(CALL_OUTCOMES.map((o) => [o, dispositionOf(o, false)]));
  t.same(never, {
    complete: 'complete', partial: 'partial', refusal: 'refusal', break_off: 'refusal', no_answer: 'unknown_household',
    busy: 'unknown_household', switched_off: 'unknown_household', suspended: 'not_eligible', invalid_number: 'not_eligible',
    not_eligible: 'not_eligible', appointment: 'non_contact',
  });
  t.equal(dispositionOf('no_answer', true), 'non_contact', 'a known household that no longer answers is a non-contact');
  t.equal(dispositionOf('busy', true), 'non_contact');
  t.equal(dispositionOf('invalid_number', true), 'not_eligible', 'a number that stopped working is still not eligible');
  t.equal(dispositionOf('refusal', true), 'refusal');
});

t.test('only the non-final outcomes may be retried', async (t) => {
  const retried = CALL_OUTCOMES.filter((o) => OUTCOME_RULES[o].retry);
  t.same(retried, ['break_off', 'no_answer', 'busy', 'switched_off', 'appointment']);
});

t.test('empty, suspended and refuse-forever numbers mark the roster contact', async (t) => {
  t.equal(contactMarkOf('invalid_number', false), 'invalid');
  t.equal(contactMarkOf('suspended', false), 'suspended');
  t.equal(contactMarkOf('refusal', true), 'do_not_call');
  t.equal(contactMarkOf('refusal', false), undefined, 'a plain refusal leaves the number in the roster');
  t.equal(contactMarkOf('no_answer', true), undefined, '拒绝再访 only counts with a refusal');
});

t.test('labels, parsing and screened-out forms', async (t) => {
  t.equal(OUTCOME_LABELS.invalid_number, '空号');
  t.equal(OUTCOME_LABELS.appointment, '约访');
  t.ok(isCallOutcome('busy'));
  t.notOk(isCallOutcome('toString'));
  t.equal(outcomeOfStoredResponse('complete'), 'complete');
  t.equal(outcomeOfStoredResponse('screened_out'), 'not_eligible');
});
