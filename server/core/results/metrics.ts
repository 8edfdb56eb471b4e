// What kind of number each of a questionnaire's metrics is, decided once for the page, the exports and the API.
import type { Survey, SurveyIndex } from '../survey/model.js';

/** Scores are 0–100 (printed 91.61), rates 0–1 (printed 87.3%). */
export type MetricKind = 'score' | 'rate';

export interface MetricMeta {
  id: string;
  name: string;
  kind: MetricKind;
}

export interface SurveyMetrics {
  composite: MetricMeta;
  indices: MetricMeta[];
}

/**
 * The composite is always a score on 0–100, whatever it weighs: results/plan.ts puts a rate into it as a percentage
 * (100 for "in the option set", 0 otherwise), so a composite made only of rates is 0–100 too, and the exports and
 * the API call it a score (a 九率一度综合得分 of 53.21 is 53.21 points, not 5321.1%).
 */
export const COMPOSITE_KIND: MetricKind = 'score';

/** A rate index is a share 0–1; item and mean indices are scores 0–100. */
export function indexKind(ix: SurveyIndex): MetricKind {
  return ix.kind === 'rate' ? 'rate' : 'score';
}

/** The composite and every index of a questionnaire, in the questionnaire's order, with the kind of each. */
export function surveyMetrics(survey: Survey): SurveyMetrics {
  return {
    composite: { id: 'composite', name: survey.composite.name, kind: COMPOSITE_KIND },
    indices: survey.indices.map((ix) => ({ id: ix.id, name: ix.name, kind: indexKind(ix) })),
  };
}
