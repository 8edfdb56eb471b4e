import t from 'tap';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paths } from '../../../server/paths.js';
import { testDb } from '../../kit/app.js';

function copyOfSurveys(): string {
  const dir = mkdtempSync(join(tmpdir(), 'safepoll-surveys-'));
  cpSync(paths.surveys, dir, { recursive: true });
  return dir;
}

function useInRound(db: ReturnType<typeof testDb>['db'], versionId: number): void {
  db.prepare("INSERT INTO rounds (code, survey_id, period, created_at) VALUES ('r1', ?, '2026-01', '2026-01-01')").run(versionId);
}

t.test('sync stores each questionnaire once and is idempotent', async (t) => {
  const { repos } = testDb(t);
  const first = repos.surveys.syncFromDirectory(paths.surveys);
  t.same(first.created.sort(), ['hunan-100 v1', 'shaanxi-9rates v1']);
  const again = repos.surveys.syncFromDirectory(paths.surveys);
  t.same(again.created, []);
  t.same(repos.surveys.list().map((s) => [s.surveyKey, s.version]), [['hunan-100', 1], ['shaanxi-9rates', 1]]);
  t.equal(repos.surveys.latest('hunan-100')?.survey.questions[0].id, 'Q1');
});

t.test('a changed file without rounds is updated in place', async (t) => {
  const { repos } = testDb(t);
  const dir = copyOfSurveys();
  const v1 = repos.surveys.syncFromDirectory(dir).loaded.find((v) => v.survey.id === 'hunan-100');
  const file = join(dir, 'hunan-100.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('您好！我们正在开展', '您好！我们这个月正在开展'));
  const report = repos.surveys.syncFromDirectory(dir);
  t.match(report.created[0], /hunan-100 v1 \(updated in place/);
  const latest = repos.surveys.latest('hunan-100');
  t.equal(latest?.versionId, v1?.versionId);
  t.match(latest?.survey.intro, /这个月/);
});

t.test('a changed file whose version has rounds becomes a new version; the old one stays readable', async (t) => {
  const { repos, db } = testDb(t);
  const dir = copyOfSurveys();
  const v1 = repos.surveys.syncFromDirectory(dir).loaded.find((v) => v.survey.id === 'hunan-100');
  if (!v1) throw new Error('hunan not loaded');
  useInRound(db, v1.versionId);
  const file = join(dir, 'hunan-100.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('label: 很安全, score: 100', 'label: 非常安全, score: 100'));
  const report = repos.surveys.syncFromDirectory(dir);
  t.same(report.created, ['hunan-100 v2 (new version: the previous one has rounds)']);
  t.equal(repos.surveys.latest('hunan-100')?.version, 2);
  t.equal(repos.surveys.getVersion(v1.versionId)?.survey.questions[0].options[0].label, '很安全');
  t.equal(repos.surveys.latest('hunan-100')?.survey.questions[0].options[0].label, '非常安全');
});

t.test('a bad file stops the sync with a message naming it, storing nothing', async (t) => {
  const { repos } = testDb(t);
  const dir = copyOfSurveys();
  writeFileSync(join(dir, 'broken.yaml'), 'id: broken\ntitle: x\n');
  t.throws(() => repos.surveys.syncFromDirectory(dir), /broken\.yaml: "intro" must be a non-empty text/);
  t.same(repos.surveys.list(), []);
});
