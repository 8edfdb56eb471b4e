// The questionnaire applied to a unit's respondents, as docs/statistics.md says: each answer's score or rate hit read off the
// questionnaire, the respondents weighted g = N_h / n_h (or all equally), every index and the composite from the
// reference formulas of section6-reference.ts. Used to re-check the raw response export against the API and pages.
import type { Survey } from '../../server/core/survey/model.js';
import { estimate, linear, type Est, type Obs, type Term } from './section6-reference.js';

export interface Row {
  grid: string;
  village: string;
  township: string;
  /** The grid's population N_h (null when the export leaves it empty) and completed interviews n_h. */
  N: number | null;
  nh: number;
  codes: Record<string, string>;
}

/**
 * Weights of one unit's respondents (docs/statistics.md#weights): g = N_h / n_h, or 1 for all when a grid of the unit has
 * no population.
 */
export function weights(rows: Row[]): number[] {
  const equal = rows.some((r) => !(r.N !== null && r.N > 0));
  return rows.map((r) => (equal || r.N === null ? 1 : r.N / r.nh));
}

export interface Expected {
  n: number;
  composite: Est;
  indices: Record<string, Est>;
  items: Record<string, Est>;
  knowledge: Est;
}

/** Every number of one unit from its respondents, read off the questionnaire: option scores, rates, weights. */
export function recompute(survey: Survey, unitRows: Row[]): Expected {
  const g = weights(unitRows);
  const rows = unitRows.map((r, i) => ({ ...r, g: g[i] }));
  const question = (id: string) => {
    const q = survey.questions.find((x) => x.id === id);
    if (!q) throw new Error(`no question ${id}`);
    return q;
  };
  const obsOf = (id: string, value: (code: string) => number | null): Obs[] =>
    rows.map((r) => {
      const option = question(id).options.find((o) => o.code === r.codes[id]);
      return { grid: r.grid, g: r.g, y: option && !option.excluded ? value(option.code) : null, dontKnow: option?.excluded === true };
    });
  const scoreObs = (id: string): Obs[] => obsOf(id, (code) => question(id).options.find((o) => o.code === code)?.score ?? null);
  const rateObs = (id: string, hits: string[], scale = 1): Obs[] => obsOf(id, (code) => (hits.includes(code) ? scale : 0));

  const items: Record<string, Est> = {};
  for (const q of survey.questions) if (q.options.some((o) => o.score !== undefined)) items[q.id] = estimate(scoreObs(q.id), 't');
  const indices: Record<string, Est> = {};
  const terms: Term[] = [];
  for (const ix of survey.indices) {
    const a = survey.composite.weights[ix.id] ?? 0;
    if (ix.kind === 'item') {
      indices[ix.id] = items[ix.question];
      terms.push({ a, obs: scoreObs(ix.question) });
    } else if (ix.kind === 'rate') {
      indices[ix.id] = estimate(rateObs(ix.question, ix.options), 'wilson');
      // In the composite a rate counts on the 0–100 scale of the scores.
      terms.push({ a, obs: rateObs(ix.question, ix.options, 100) });
    } else {
      indices[ix.id] = linear(ix.questions.map((id) => ({ a: 1 / ix.questions.length, obs: scoreObs(id) })));
      for (const id of ix.questions) terms.push({ a: a / ix.questions.length, obs: scoreObs(id) });
    }
  }
  const knowledgeIds = survey.questions.filter((q) => q.knowledge).map((q) => q.id);
  const knowledge = estimate(
    rows.map((r) => {
      const right = knowledgeIds.filter((id) => question(id).options.find((o) => o.code === r.codes[id])?.correct).length;
      return { grid: r.grid, g: r.g, y: right / knowledgeIds.length, dontKnow: false };
    }),
    'wilson',
  );
  return { n: rows.length, composite: { ...linear(terms, 'all'), n: rows.length }, indices, items, knowledge };
}
