// Migration 023 gives the issuing body one home: a body set only for posters (the old 'issuing_body' setting) moves
// to the document issuer when none is set, with the number prefix Word bulletins used meanwhile; an issuer already
// set wins; the setting is gone either way.
import t, { type Test } from 'tap';
import Database from 'better-sqlite3';
import { paths } from '../../../server/paths.js';
import { migrate } from '../../../server/platform/db.js';
import { createRepos } from '../../../server/platform/repos.js';
import { DEFAULT_ISSUER } from '../../../server/features/documents/core/official-notice.js';
import { databaseBefore } from '../../kit/migration.js';

const MIGRATION = '023-issuing-body-one-home.sql';

/** A database at the schema before 023, left to the test to fill and then migrate. */
function databaseBefore023(t: Test): Database.Database {
  return databaseBefore(t, MIGRATION);
}

const setting = (db: Database.Database) => db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'issuing_body'").get();

t.test('a poster-only issuing body becomes the document issuer, with the default number prefix', async (t) => {
  const db = databaseBefore023(t);
  db.prepare("INSERT INTO settings (key, value) VALUES ('issuing_body', ' 清河区委政法委（平安办） ')").run();
  migrate(db, paths.migrations);
  t.same(createRepos(db).documents.issuer(), { issuingBody: '清河区委政法委（平安办）', numberPrefix: DEFAULT_ISSUER.numberPrefix });
  t.equal(setting(db), undefined, 'the setting is gone');
});

t.test('an issuer already set is kept; an empty setting sets nothing', async (t) => {
  const set = databaseBefore023(t);
  set.prepare("INSERT INTO document_issuer (id, issuing_body, number_prefix) VALUES (1, '清河区平安办', '清平安办')").run();
  set.prepare("INSERT INTO settings (key, value) VALUES ('issuing_body', '示范区平安办')").run();
  migrate(set, paths.migrations);
  t.same(createRepos(set).documents.issuer(), { issuingBody: '清河区平安办', numberPrefix: '清平安办' });
  t.equal(setting(set), undefined);

  const empty = databaseBefore023(t);
  empty.prepare("INSERT INTO settings (key, value) VALUES ('issuing_body', '')").run();
  migrate(empty, paths.migrations);
  t.equal(createRepos(empty).documents.issuer(), undefined, 'still unset: posters leave a blank, Word uses the default');
  t.equal(setting(empty), undefined);
});
