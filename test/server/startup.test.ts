// What `npm start` does before it listens: the questionnaires in surveys/ are checked on every start, not only when
// the database is new, so a broken file stops the server with a message naming the file, the question and the problem.
import t from 'tap';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../server/paths.js';
import { prepareDatabase } from '../../server/startup.js';
import { SurveyFileError } from '../../server/core/survey/validate.js';
import { createRepos } from '../../server/platform/repos.js';
import { testConfig, tempDir, type Teardown } from '../kit/app.js';
import { smallDistrict } from '../kit/fixtures.js';
import { createRound } from '../../server/features/rounds/rounds-service.js';

/** A copy of surveys/ and a database path in a temporary folder, both removed when the test ends. */
function workspace(t: Teardown) {
  const dir = tempDir(t, 'start');
  const surveysDir = join(dir, 'surveys');
  cpSync(paths.surveys, surveysDir, { recursive: true });
  const hunan = join(surveysDir, 'hunan-100.yaml');
  return {
    surveysDir,
    hunan,
    config: testConfig({ databasePath: join(dir, 'safepoll.db'), seedDemo: false }),
    edit: (from: string, to: string) => {
      const text = readFileSync(hunan, 'utf8');
      if (!text.includes(from)) throw new Error(`hunan-100.yaml no longer contains ${from}`);
      writeFileSync(hunan, text.replace(from, to));
    },
  };
}

t.test('a broken questionnaire stops start-up of a database that already has data', async (t) => {
  const ws = workspace(t);
  const lines: string[] = [];
  const first = await prepareDatabase(ws.config, { log: (l) => lines.push(l), surveysDir: ws.surveysDir });
  t.same(lines, ['SafePoll: 问卷 hunan-100 v1', 'SafePoll: 问卷 shaanxi-9rates v1']);
  first.db.close();

  ws.edit('{ code: A, label: 很安全, score: 100 }', '{ code: A, label: 很安全, score: 120 }');
  ws.edit('safety: 0.35', 'safety: 0.3');
  const refused = await prepareDatabase(ws.config, { log: () => {}, surveysDir: ws.surveysDir }).then(
    () => undefined,
    (err: unknown) => err,
  );
  t.type(refused, SurveyFileError);
  const message = refused instanceof Error ? refused.message : '';
  t.match(message, `${ws.hunan}: question Q1: option "A" has score 120 (must be 0–100)`, 'names the file, the question and the problem');
  t.match(message, `${ws.hunan}: composite weights sum to 0.95, not 1`, 'composite weights that do not sum to 1 are refused too');
});

t.test('a changed questionnaire with a round behind it becomes a new version at start-up', async (t) => {
  const ws = workspace(t);
  const first = await prepareDatabase(ws.config, { log: () => {}, surveysDir: ws.surveysDir });
  const repos = createRepos(first.db);
  const v1 = repos.surveys.latest('hunan-100');
  if (!v1) throw new Error('hunan-100 not stored');
  const { district } = smallDistrict(repos);
  createRound(repos, { surveyVersionId: v1.versionId, period: '2025-01', unitIds: [district.id] });
  first.db.close();

  ws.edit('title: 平安建设群众安全感和政法机关执法满意度模拟民调', 'title: 平安建设民调（修订）');
  const lines: string[] = [];
  const second = await prepareDatabase(ws.config, { log: (l) => lines.push(l), surveysDir: ws.surveysDir });
  t.teardown(() => second.db.close());
  t.same(lines, ['SafePoll: 问卷 hunan-100 v2 (new version: the previous one has rounds)']);
  const after = createRepos(second.db).surveys;
  t.equal(after.latest('hunan-100')?.survey.title, '平安建设民调（修订）');
  t.equal(after.getVersion(v1.versionId)?.survey.title, '平安建设群众安全感和政法机关执法满意度模拟民调', 'the old round keeps its version');
});
