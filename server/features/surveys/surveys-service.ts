// The questionnaire of a round, found one way for every page, export, command and worker. A round names its
// questionnaire version by foreign key, so a missing one means a damaged database, never bad input: it is the named
// error QuestionnaireMissing (a 500, logged with the round and version; a command reports it as an internal error).
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import type { Survey, SurveyVersion } from '../../core/survey/model.js';
import { QuestionnaireMissing } from '../../web/errors.js';

/** What a lookup needs of the round. */
export type RoundRef = Pick<Round, 'code' | 'surveyVersionId'>;

/** The round's questionnaire version (its number and its questions). Throws QuestionnaireMissing. */
export function versionOfRound(repos: Pick<Repos, 'surveys'>, round: RoundRef): SurveyVersion {
  const version = repos.surveys.getVersion(round.surveyVersionId);
  if (!version) throw new QuestionnaireMissing(round.code, round.surveyVersionId);
  return version;
}

/** The round's questionnaire. Throws QuestionnaireMissing. */
export function ofRound(repos: Pick<Repos, 'surveys'>, round: RoundRef): Survey {
  return versionOfRound(repos, round).survey;
}
