// Helpers for the bulletin page tests: answers of a chosen quality derived from the questionnaire itself, responses
// stored through the responses repository, rounds for consecutive months, and reading a ranked table off a page.
import type { Repos } from '../../server/storage/index.js';
import type { Round } from '../../server/storage/rounds-repo.js';
import type { Unit } from '../../server/storage/units-repo.js';
import type { Answers, Survey, SurveyOption, SurveyQuestion } from '../../server/domain/survey/model.js';
import { checkAnswers } from '../../server/domain/survey/answers.js';

/** 'best': every scored question gets its highest score; 'good': the second highest. Follow-ups never open. */
export type Quality = 'best' | 'good';

function plain(o: SurveyOption): boolean {
  return !o.screenOut && !o.excluded && !o.followUp;
}

function choose(q: SurveyQuestion, quality: Quality): SurveyOption {
  const usable = q.options.filter(plain);
  const scored = usable.filter((o) => o.score !== undefined).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  if (scored.length === 0) return usable[0] ?? q.options[0];
  return quality === 'best' ? scored[0] : (scored[1] ?? scored[0]);
}

/** A complete, valid response whose every scored answer is of the given quality. */
export function answersOf(survey: Survey, quality: Quality): Answers {
  const answers: Answers = {};
  for (const q of survey.screening) answers[q.id] = { kind: 'choice', codes: [choose(q, 'best').code] };
  for (const q of survey.questions) {
    if (q.showIf || q.type === 'text') continue;
    answers[q.id] = { kind: 'choice', codes: [choose(q, quality).code] };
  }
  const checked = checkAnswers(survey, answers);
  if (checked.screenedOut || checked.errors.length > 0) {
    throw new Error(`test answers rejected: ${checked.errors.map((e) => `${e.questionId} ${e.message}`).join('; ')}`);
  }
  return checked.answers;
}

export function surveyOf(repos: Repos, round: Round): Survey {
  const version = repos.surveys.getVersion(round.surveyVersionId);
  if (!version) throw new Error('round without questionnaire');
  return version.survey;
}

/** Stores `n` complete responses of one quality in each grid of the unit. */
export function respond(repos: Repos, round: Round, unit: Unit, perGrid: number, quality: Quality): void {
  const survey = surveyOf(repos, round);
  const grids = unit.level === 'grid' ? [unit] : repos.units.descendants(unit.id, 'grid');
  const rows = grids.flatMap((g) =>
    Array.from({ length: perGrid }, () => ({
      roundId: round.id,
      gridId: g.id,
      channel: 'simulated' as const,
      status: 'complete' as const,
      answers: answersOf(survey, quality),
      survey,
    })),
  );
  repos.responses.insertMany(rows);
}

/** Unit names of a ranking table on the page, in the order shown, each with its rank cell and score cell. */
export function rankingRows(html: string, caption: string): Array<{ rank: string; name: string; score: string; rankChange: string }> {
  const start = html.indexOf(caption);
  if (start < 0) throw new Error(`no section ${caption}`);
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<tr class="[^"]*">\s*<td class="num(?: rank)?">([\s\S]*?)<\/td><td><a href="[^"]*">([^<]+)<\/a>([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...m[3].matchAll(/<td class="num[^"]*">([^<]*)<\/td>/g)].map((c) => c[1]);
    return {
      rank: m[1].includes('样本不足') ? '样本不足' : m[1].trim(),
      name: m[2],
      score: cells[1] ?? '',
      rankChange: cells[cells.length - 1] ?? '',
    };
  });
}
