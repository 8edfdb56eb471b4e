// Helpers for the bulletin page tests: the small district with a committee member and a township's staff, answers of
// a chosen quality derived from the questionnaire itself, responses stored through the responses repository, rounds
// for consecutive months, and reading a ranked table off a page.
import { withReceipts } from '../../server/features/receipts/core/rules.js';
import { smallDistrict } from './fixtures.js';
import type { Repos } from '../../server/platform/repos.js';
import type { Round } from '../../server/core/rounds/round.js';
import type { Unit } from '../../server/core/units/unit.js';
import type { Answers, Survey, SurveyOption, SurveyQuestion } from '../../server/core/survey/model.js';
import { checkAnswers } from '../../server/core/survey/answers.js';
import { PASSWORD } from './app.js';
import { createRound, openRoundById } from '../../server/features/rounds/rounds-service.js';

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
export function gradedAnswers(survey: Survey, quality: Quality): Answers {
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
      answers: gradedAnswers(survey, quality),
      survey,
    })),
  );
  repos.responses.insertMany(rows.map(withReceipts));
}

/** Unit names of a ranking table on the page, in the order shown, each with its rank, score, interval, score-change and rank-change cells. */
export function rankingRows(
  html: string,
  caption: string,
): Array<{ rank: string; rankRange: string; name: string; score: string; interval: string; scoreChange: string; flat: boolean; rankChange: string }> {
  const start = html.indexOf(caption);
  if (start < 0) throw new Error(`no section ${caption}`);
  const table = html.slice(start, html.indexOf('</table>', start));
  // A cell's own text comes first; a rank range ("可能 2–4 名") or a verdict ("基本持平") follows in a span.
  const own = (cell: string): string => cell.split('<')[0].trim();
  return [...table.matchAll(/<tr class="[^"]*">\s*<td class="num(?: rank)?">([\s\S]*?)<\/td><td><a href="[^"]*">([^<]+)<\/a>([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...m[3].matchAll(/<td class="num[^"]*">([\s\S]*?)<\/td>/g)].map((c) => c[1]);
    return {
      rank: m[1].includes('样本不足') ? '样本不足' : own(m[1]),
      rankRange: /可能 ([^<]+) 名/.exec(m[1])?.[1] ?? '',
      name: m[2],
      score: own(cells[1] ?? ''),
      interval: own(cells[2] ?? ''),
      scoreChange: own(cells[3] ?? ''),
      flat: (cells[3] ?? '').includes('基本持平'),
      rankChange: own(cells[cells.length - 1] ?? ''),
    };
  });
}

/** Page text with Handlebars' attribute escapes undone, to look for links. */
export function links(html: string): string {
  return html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
}

export interface Setup {
  district: Unit;
  townships: Unit[];
  villages: Unit[];
}

/** The fixture district, a committee member ("committee") and the first township's staff ("township"). */
export function district(repos: Repos): Setup {
  smallDistrict(repos);
  const root = repos.units.roots()[0];
  const townships = repos.units.descendants(root.id, 'township');
  const villages = repos.units.descendants(root.id, 'village');
  if (townships.length < 2 || villages.length < 4) throw new Error('fixture needs two townships and four villages');
  repos.users.create({ username: 'committee', displayName: '政法委张三', password: PASSWORD, role: 'committee', unitId: null });
  repos.users.create({ username: 'township', displayName: '镇综治中心李四', password: PASSWORD, role: 'township', unitId: townships[0].id });
  return { district: root, townships, villages };
}

/** A monthly round of the fixture's questionnaire over the whole district, opened. */
export function monthRound(repos: Repos, template: Round, period: string, root: Unit): Round {
  const round = createRound(repos, { surveyVersionId: template.surveyVersionId, period, unitIds: [root.id], quotaPerGrid: 10, minSample: 5 });
  return openRoundById(repos, round.id);
}

export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
