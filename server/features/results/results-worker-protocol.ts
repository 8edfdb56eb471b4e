// The messages between the server and the results worker (results-worker.ts): the server asks for a round's results,
// receives its head (everything but the units), then pulls the units a slice at a time.
import type { RoundResults, UnitResult } from '../../core/results/types.js';
import type { ForecastSummary } from '../forecast/forecast.js';
import type { SummaryContent } from '../bulletin/core/summary-content.js';
import type { ForecastAnswer, ForecastAsk } from '../forecast/forecast-page.js';

export type WorkerRequest =
  | { type: 'compute'; job: number; roundId: number }
  | { type: 'slice'; job: number }
  | { type: 'forecast'; job: number; roundCode: string }
  | { type: 'summary'; job: number; endRoundId: number; unitCode: string }
  | { type: 'forecastView'; job: number; ask: ForecastAsk };

export type WorkerReply =
  | { type: 'head'; job: number; results: RoundResults; gridsByUnit: Array<{ code: string; gridIds: number[] }> }
  | { type: 'units'; job: number; entries: Array<[string, UnitResult]>; done: boolean }
  | { type: 'forecast'; job: number; summary: ForecastSummary }
  | { type: 'summary'; job: number; content: SummaryContent }
  | { type: 'forecastView'; job: number; answer: ForecastAnswer }
  | { type: 'error'; job: number; message: string };

function hasJob(value: unknown): value is { type: unknown; job: number } {
  return typeof value === 'object' && value !== null && 'type' in value && 'job' in value && typeof value.job === 'number';
}

export function isWorkerRequest(value: unknown): value is WorkerRequest {
  if (!hasJob(value)) return false;
  if (value.type === 'slice') return true;
  if (value.type === 'forecast') return 'roundCode' in value && typeof value.roundCode === 'string';
  if (value.type === 'forecastView') return 'ask' in value && typeof value.ask === 'object' && value.ask !== null;
  if (value.type === 'summary') return 'endRoundId' in value && typeof value.endRoundId === 'number' && 'unitCode' in value && typeof value.unitCode === 'string';
  return value.type === 'compute' && 'roundId' in value && typeof value.roundId === 'number';
}

/**
 * A reply from our own worker thread: the shape is checked, the payload (built by the same code in the worker) is
 * trusted as the type says.
 */
export function isWorkerReply(value: unknown): value is WorkerReply {
  if (!hasJob(value)) return false;
  if (value.type === 'head') return 'results' in value && 'gridsByUnit' in value;
  if (value.type === 'forecast') return 'summary' in value;
  if (value.type === 'summary') return 'content' in value;
  if (value.type === 'forecastView') return 'answer' in value;
  if (value.type === 'units') return 'entries' in value && Array.isArray(value.entries) && 'done' in value;
  return value.type === 'error' && 'message' in value;
}
