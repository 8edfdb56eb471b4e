// The header of the resident form and of the phone interview screen names the round's period in Chinese, a roster
// sweep's half year included (it printed "2026-H2" before the period had one label).
import t from 'tap';
import { paths } from '../../../server/paths.js';
import { loadSurveyFile } from '../../../server/features/surveys/survey-files.js';
import { pageHeader } from '../../../server/features/resident-form/form-model.js';
import type { ResidentContext } from '../../../server/features/resident-form/context.js';
import type { Round } from '../../../server/core/rounds/round.js';

const survey = loadSurveyFile(`${paths.surveys}/hunan-100.yaml`).survey;

function contextIn(period: string, kind: Round['kind']): ResidentContext {
  const round: Round = {
    id: 1, code: 'r', surveyVersionId: 1, surveyKey: survey.id, period, kind, state: 'open', quotaPerGrid: 12,
    minSample: 5, channels: ['phone'], eligibilityE: null, unitIds: [1], createdAt: '', openedAt: null, closedAt: null,
  };
  const grid = { id: 1, code: 'G1', name: '第一网格', parentId: null, level: 'grid' as const, population: null, households: null };
  return { grid, place: [], round, version: { versionId: 1, version: 1, survey, contentHash: '' } };
}

t.test('a month and a half year read as the bulletin names them', async (t) => {
  t.equal(pageHeader(contextIn('2025-03', 'monthly'), '').period, '2025年3月');
  t.equal(pageHeader(contextIn('2026-H2', 'sweep'), '').period, '2026年下半年');
  t.equal(pageHeader(contextIn('2026-H1', 'sweep'), '').period, '2026年上半年');
});
