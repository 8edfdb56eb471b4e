// Every change to a questionnaire version is audited (docs/rules.md#audit-log): the first load, a new version when the
// file changes under a round, and an in-place update of a version no round uses yet.
import t from 'tap';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDb } from '../../kit/helper.js';
import { paths } from '../../../server/paths.js';

t.test('loading and changing questionnaire files is audited with the version and the kind of change', async (t) => {
  const { repos, db } = testDb(t);
  const dir = mkdtempSync(join(tmpdir(), 'safepoll-surveys-'));
  cpSync(join(paths.surveys, 'hunan-100.yaml'), join(dir, 'hunan-100.yaml'));
  repos.surveys.syncFromDirectory(dir);
  const entries = () =>
    db.prepare<[], { detail: string }>("SELECT detail FROM audit_log WHERE action = 'survey.version' ORDER BY id").all()
      .map((r) => JSON.parse(r.detail) as Record<string, unknown>);
  t.match(entries(), [{ survey: 'hunan-100', version: 1, change: 'first' }]);

  repos.surveys.syncFromDirectory(dir);
  t.equal(entries().length, 1, 'an unchanged file writes no entry');

  const file = join(dir, 'hunan-100.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: (.*)$/m, 'title: $1（修订）'));
  repos.surveys.syncFromDirectory(dir);
  t.match(entries()[1], { survey: 'hunan-100', version: 1, change: 'updated' }, 'no round uses v1 yet: updated in place');
});
