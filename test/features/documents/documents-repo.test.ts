// Document numbers: the year's next number on first issue (and the same one after), numbering again from 1 in a new
// year, an edited number refused when another document of that year has it, and every change in the audit log.
import t from 'tap';
import { testDb } from '../../kit/helper.js';
import { openRound, smallDistrict } from '../../kit/fixtures.js';
import type { Repos } from '../../../server/platform/repos.js';

/** A staff member acting from a (truncated) address, as a staff page passes it. */
function staffActor(repos: Repos) {
  const user = repos.users.create({ username: 'committee', displayName: '政法委', password: 'x'.repeat(12), role: 'committee', unitId: null });
  return { userId: user.id, client: '127.0.0.x' };
}

t.test('numbers run per year, are given once, and edits never collide', async (t) => {
  const { repos } = testDb(t);
  const ACTOR = staffActor(repos);
  const { district, townships } = smallDistrict(repos);
  const round = openRound(repos);
  const label = { roundCode: round.code, unitCode: district.code };
  const key = (unitId: number, kind: 'bulletin' | 'summary' = 'bulletin') => ({ roundId: round.id, unitId, kind });

  t.same(repos.documents.issue(key(district.id), '2026-12-05', label, ACTOR), { year: 2026, seq: 1, issuedOn: '2026-12-05' });
  t.same(repos.documents.issue(key(district.id), '2026-12-09', label, ACTOR), { year: 2026, seq: 1, issuedOn: '2026-12-05' }, 'a second download keeps it');
  t.same(repos.documents.issue(key(district.id, 'summary'), '2026-12-06', label, ACTOR), { year: 2026, seq: 2, issuedOn: '2026-12-06' }, 'the summary is another document');
  t.same(repos.documents.issue(key(townships[0].id), '2027-01-05', label, ACTOR), { year: 2027, seq: 1, issuedOn: '2027-01-05' }, 'a new year starts at 1');

  t.equal(repos.documents.renumber(key(district.id), { seq: 2, issuedOn: '2026-12-07' }, label, ACTOR), false, '2 of 2026 is taken');
  t.same(repos.documents.find(key(district.id)), { year: 2026, seq: 1, issuedOn: '2026-12-05' }, 'unchanged');
  t.equal(repos.documents.renumber(key(district.id), { seq: 11, issuedOn: '2026-12-05' }, label, ACTOR), true);
  t.same(repos.documents.find(key(district.id)), { year: 2026, seq: 11, issuedOn: '2026-12-05' });
  t.equal(repos.documents.nextSeq(2026), 12);

  const entries = repos.audit.byAction('document.number');
  t.equal(entries.length, 4, 'three numbers given and one edit, audited');
  t.match(entries[0].detail, /"seq":11/);
  t.equal(entries[0].client, '127.0.0.x');
});

t.test('the issuing body and prefix are kept in one row, each change audited', async (t) => {
  const { repos } = testDb(t);
  const ACTOR = staffActor(repos);
  t.equal(repos.documents.issuer(), undefined);
  repos.documents.setIssuer({ issuingBody: '清河区委政法委（平安办）', numberPrefix: '清平安办' }, ACTOR);
  repos.documents.setIssuer({ issuingBody: '清河区平安办', numberPrefix: '清平安' }, ACTOR);
  t.same(repos.documents.issuer(), { issuingBody: '清河区平安办', numberPrefix: '清平安' });
  const entries = repos.audit.byAction('document.issuer');
  t.equal(entries.length, 2);
  t.match(entries[0].detail, /清河区委政法委（平安办）.*清河区平安办/, 'before and after');
});
