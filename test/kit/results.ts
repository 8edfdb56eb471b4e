// The results API's reply as the tests read it (GET /api/rounds/:round/results), typed by the route's own schema.
import type { EstimateJson, RoundResultsReply, UnitResultJson } from '../../server/features/results/schemas.js';

export type { EstimateJson };
export type UnitJson = UnitResultJson;
export type ResultsReply = RoundResultsReply;

export function isResultsReply(v: unknown): v is ResultsReply {
  return typeof v === 'object' && v !== null && 'unit' in v && 'children' in v && 'round' in v;
}
