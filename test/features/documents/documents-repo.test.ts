// The register of issued notices: a notice takes the year's next number from its counter (a conditional update), a
// second submit of the same 发文 takes nothing, a correction is a new notice naming the one it corrects, a number
// taken meanwhile is reported (the file is built again), numbers run from 1 each year, and every issue is audited.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { openRound, smallDistrict } from '../../kit/fixtures.js';
import type { Repos } from '../../../server/platform/repos.js';
import type { NewNotice } from '../../../server/features/documents/documents-repo.js';
import { auditActionLabel } from '../../../server/features/audit/core/actions.js';
import { AUDIT_KEY_LABELS } from '../../../server/features/audit/labels.js';

/** A staff member acting from a (truncated) address, as a staff page passes it. */
function staffActor(repos: Repos) {
  const user = repos.users.create({ username: 'committee', displayName: '政法委', password: 'x'.repeat(12), role: 'committee', unitId: null });
  return { userId: user.id, client: '127.0.0.x' };
}

const NOW = new Date('2026-12-05T02:00:00Z');

t.test('numbers run per year from a counter, are taken once, and corrections name what they correct', async (t) => {
  const { repos } = testDb(t);
  const ACTOR = staffActor(repos);
  const { district, townships } = smallDistrict(repos);
  const round = openRound(repos);
  const label = { roundCode: round.code, unitCode: district.code };
  const notice = (unitId: number, year: number, seq: number, correctsId: number | null = null, kind: 'bulletin' | 'summary' = 'bulletin'): NewNotice => ({
    key: { roundId: round.id, unitId, kind },
    year,
    seq,
    number: `清平安办〔${year}〕${seq}号`,
    issuedOn: `${year}-12-05`,
    title: '通报',
    fileName: '通报.docx',
    file: Buffer.from(`file ${year}-${seq}`),
    correctsId,
    issuedByName: '政法委',
  });

  t.equal(repos.documents.nextSeq(2026), 1, 'nothing issued: the first number');
  t.equal(repos.documents.nextSeq(2026), 1, 'reading the next number takes nothing');
  const first = repos.documents.record(notice(district.id, 2026, 1), label, ACTOR, NOW);
  t.equal(first.kind, 'issued');
  t.equal(repos.documents.nextSeq(2026), 2);
  const again = repos.documents.record(notice(district.id, 2026, 2), label, ACTOR, NOW);
  t.equal(again.kind, 'already', 'a second submit of the same 发文 is answered with the first');
  t.equal(repos.documents.nextSeq(2026), 2, 'and takes no number');

  t.equal(repos.documents.record(notice(townships[0].id, 2026, 1), label, ACTOR, NOW).kind, 'number-taken', 'a number taken meanwhile is refused');
  t.equal(repos.documents.record(notice(district.id, 2026, 2, null, 'summary'), label, ACTOR, NOW).kind, 'issued', 'the summary is another document');
  t.equal(repos.documents.record(notice(townships[0].id, 2027, 1), label, ACTOR, NOW).kind, 'issued', 'a new year starts at 1');

  if (first.kind !== 'issued') throw new Error('first');
  const correction = repos.documents.record(notice(district.id, 2026, 3, first.notice.id), label, ACTOR, NOW);
  t.equal(correction.kind, 'issued');
  t.equal(repos.documents.record(notice(district.id, 2026, 4, first.notice.id), label, ACTOR, NOW).kind, 'already', 'a notice is corrected once');
  t.equal(repos.documents.nextSeq(2026), 4);
  t.equal(repos.documents.latest({ roundId: round.id, unitId: district.id, kind: 'bulletin' })?.number, '清平安办〔2026〕3号', 'the correction is in force');
  t.equal(repos.documents.correctionOf(first.notice.id)?.number, '清平安办〔2026〕3号');
  t.same(repos.documents.fileOf(first.notice.id)?.file, Buffer.from('file 2026-1'), 'the corrected notice keeps its own file');
  t.same(repos.documents.list().map((n) => n.number), ['清平安办〔2027〕1号', '清平安办〔2026〕3号', '清平安办〔2026〕2号', '清平安办〔2026〕1号']);

  const issued = repos.audit.byAction('document.issue');
  t.equal(issued.length, 3, 'three first issues audited, nothing for the refused ones');
  t.equal(issued[0].client, '127.0.0.x');
  const corrected = repos.audit.byAction('document.correct');
  t.equal(corrected.length, 1);
  t.match(corrected[0].detail, /"corrects":"清平安办〔2026〕1号"/);
  t.equal(auditActionLabel('document.issue'), '发文', 'the log names the action in Chinese');
  t.equal(auditActionLabel('document.correct'), '发文更正');
  for (const key of ['number', 'title', 'corrects']) t.ok(AUDIT_KEY_LABELS[key], `the detail's ${key} has a Chinese name`);
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
