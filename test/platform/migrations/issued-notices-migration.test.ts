// Migration 031: numbers a download gave before 发文 existed stay given — listed in the register without a file, the
// year's counter going on after them — and the old table is gone.
import t from 'tap';
import { paths } from '../../../server/paths.js';
import { migrate } from '../../../server/platform/db.js';
import { createRepos } from '../../../server/platform/repos.js';
import { databaseBefore } from '../../kit/migration.js';

t.test('numbers given by downloads move to the register and the counters', async (t) => {
  const db = databaseBefore(t, '031-issued-notices.sql');
  // The rows name rounds and units the test does not create: only the numbering is looked at.
  db.pragma('foreign_keys = OFF');
  db.exec("INSERT INTO document_issuer (id, issuing_body, number_prefix) VALUES (1, '清河区平安办', '清平安办')");
  db.exec(`INSERT INTO bulletin_documents (round_id, unit_id, kind, year, seq, issued_on) VALUES
    (1, 1, 'bulletin', 2026, 13, '2026-12-05'), (1, 1, 'summary', 2026, 14, '2026-12-05'), (2, 1, 'bulletin', 2027, 1, '2027-01-05')`);
  migrate(db, paths.migrations);
  const repos = createRepos(db);
  t.same(
    repos.documents.list().map((n) => [n.number, n.kind, n.hasFile, n.issuedOn]),
    [
      ['清平安办〔2027〕1号', 'bulletin', false, '2027-01-05'],
      ['清平安办〔2026〕14号', 'summary', false, '2026-12-05'],
      ['清平安办〔2026〕13号', 'bulletin', false, '2026-12-05'],
    ],
  );
  t.equal(repos.documents.nextSeq(2026), 15, 'the counter goes on after the numbers given');
  t.equal(repos.documents.nextSeq(2027), 2);
  t.equal(repos.documents.nextSeq(2028), 1);
  t.equal(repos.documents.latest({ roundId: 1, unitId: 1, kind: 'bulletin' })?.number, '清平安办〔2026〕13号', 'the document counts as issued (a correction gives it a kept file)');
  t.equal(repos.documents.fileOf(repos.documents.list()[2].id), undefined, 'no file was kept then');
  t.equal(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'bulletin_documents'").pluck().get(), 0, 'the old table is gone');
});
