// A phone case counts once, with its latest attempt; and the repository's one statement agrees with the rule.
import t from 'tap';
import { countFinalDispositions, finalAttempts, type CallAttempt } from '../../../server/core/calls/final-disposition.js';
import { CALL_DISPOSITIONS, type CallDisposition } from '../../../server/core/calls/call.js';
import { createRng } from '../../../server/core/stats/rng.js';
import { testDb } from '../../kit/app.js';
import { openRound, smallDistrict } from '../../kit/fixtures.js';
import { callDispositions } from '../../../server/features/phone-interviews/phone-interviews-service.js';

t.test('the latest attempt decides a contact; a call without a contact is a case of its own', async (t) => {
  const calls: CallAttempt[] = [
    { id: 1, gridId: 1, contactId: 5, disposition: 'non_contact' },
    { id: 2, gridId: 1, contactId: null, disposition: 'refusal' },
    { id: 4, gridId: 1, contactId: 5, disposition: 'complete' },
    { id: 3, gridId: 1, contactId: 5, disposition: 'refusal' },
    { id: 5, gridId: 2, contactId: null, disposition: 'refusal' },
    { id: 6, gridId: 2, contactId: 9, disposition: 'not_eligible' },
  ];
  t.same(finalAttempts(calls).map((c) => c.id), [2, 4, 5, 6]);
  const rows = finalAttempts(calls).map((c) => ({ gridId: c.gridId, disposition: c.disposition, n: 1 }));
  t.match(countFinalDispositions(rows), { complete: 1, refusal: 2, not_eligible: 1, non_contact: 0, partial: 0 });
  t.match(countFinalDispositions(rows, [2]), { complete: 0, refusal: 1, not_eligible: 1 });
  t.equal(countFinalDispositions([{ gridId: 1, disposition: 'bogus', n: 3 }]).complete, 0, 'unknown text is not counted');
});

t.test('CallsRepo and the results count what finalAttempts says, on random call histories', async (t) => {
  const { db, repos } = testDb(t);
  const d = smallDistrict(repos);
  const round = openRound(repos);
  const grids = d.grids.slice(0, 3).map((g) => repos.units.getByCode(g.code)?.id ?? -1);
  const addContact = db.prepare<[number, string]>(
    `INSERT INTO contacts (grid_id, phone_enc, phone_hash, phone_masked, created_at) VALUES (?, 'x', ?, '138****0000', '2025-03-01')`,
  );
  const contacts = Array.from({ length: 40 }, (_, i) => ({ id: Number(addContact.run(grids[i % 3], `h${i}`).lastInsertRowid), gridId: grids[i % 3] }));
  const rng = createRng(11, 'calls');
  repos.calls.insertMany(
    Array.from({ length: 400 }, () => {
      const contact = rng.chance(0.2) ? null : rng.choice(contacts);
      return { roundId: round.id, gridId: contact?.gridId ?? rng.choice(grids), contactId: contact?.id ?? null, disposition: rng.choice(CALL_DISPOSITIONS) };
    }),
  );
  const stored = db
    .prepare<[number], { id: number; grid_id: number; contact_id: number | null; disposition: CallDisposition }>(
      'SELECT id, grid_id, contact_id, disposition FROM calls WHERE round_id = ?',
    )
    .all(round.id)
    .map((c) => ({ id: c.id, gridId: c.grid_id, contactId: c.contact_id, disposition: c.disposition }));
  const expected = (only?: number[]) =>
    countFinalDispositions(
      finalAttempts(stored).map((c) => ({ gridId: c.gridId, disposition: c.disposition, n: 1 })),
      only,
    );
  t.ok(finalAttempts(stored).length < stored.length, 'some contacts were called more than once');
  t.same(repos.calls.countsByDisposition(round.id), expected());
  t.same(repos.calls.countsByDisposition(round.id, [grids[1]]), expected([grids[1]]));
  const nonzero = Object.fromEntries(Object.entries(expected()).filter(([, n]) => n > 0));
  t.same(callDispositions(repos, round.id), nonzero, 'the results read the same final dispositions');
});
