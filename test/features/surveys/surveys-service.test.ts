// A round's questionnaire is found one way everywhere. A round whose questionnaire version is not stored (only a
// damaged database can hold one: the version is a foreign key, and such a round no longer loads from the rounds
// table; a round read before the damage still names it) is the named error QuestionnaireMissing: a 500 the error
// handler logs with the round and version and shows as the generic page, the same for every page, export and command.
import t from 'tap';
import { testDb } from '../../kit/helper.js';
import { openRound, smallDistrict } from '../../kit/fixtures.js';
import { ofRound, versionOfRound } from '../../../server/features/surveys/surveys-service.js';
import { QuestionnaireMissing } from '../../../server/web/errors.js';

t.test("the round's questionnaire and its version", async (t) => {
  const { repos } = testDb(t);
  smallDistrict(repos);
  const round = openRound(repos);
  const version = versionOfRound(repos, round);
  t.equal(version.survey.id, round.surveyKey);
  t.equal(version.versionId, round.surveyVersionId);
  t.equal(ofRound(repos, round), version.survey);
});

t.test('a round whose questionnaire version is missing: one named error, a 500', async (t) => {
  const { repos } = testDb(t);
  smallDistrict(repos);
  const round = { ...openRound(repos), surveyVersionId: 99999 };
  for (const lookup of [() => ofRound(repos, round), () => versionOfRound(repos, round)]) {
    const err = t.throws(lookup, QuestionnaireMissing) as { code?: string; statusCode?: number; message?: string };
    t.equal(err.code, 'SP_QUESTIONNAIRE_MISSING');
    t.equal(err.statusCode, 500, 'a damaged database, not bad input');
    t.equal(err.message, `轮次 ${round.code} 的问卷版本 99999 不存在`);
  }
});
