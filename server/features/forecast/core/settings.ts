// The committee's settings for the forecast (migration 022) and the checks on what it types or imports: the official
// questionnaire, the official sample size, the window of recent rounds with their weights, peer districts with
// their last published scores, and past official results for back-testing. Messages are for the committee.
import type { Peer } from './ranks.js';
import type { ForecastAnswerMode } from './answer-mode.js';

/** The official poll's interviews per county (Hunan: about 200 a round), until the committee sets its own. */
export const DEFAULT_SAMPLE_SIZE = 200;
export const SAMPLE_SIZE_MIN = 20;
export const SAMPLE_SIZE_MAX = 5000;
export const WINDOW_MAX = 6;
export const PEER_NAME_MAX = 40;
export const PEERS_MAX = 200;

export interface ForecastSettings {
  /** The official questionnaire (a survey key), null until chosen. */
  surveyKey: string | null;
  sampleSize: number;
  /** Weights of the latest closed rounds, newest first ([1]: the latest round only). */
  windowWeights: number[];
  /** Which answers it pools (migration 034; answer-mode.ts); 'auto' when absent. */
  answerMode?: ForecastAnswerMode;
}

export const DEFAULT_SETTINGS: ForecastSettings = { surveyKey: null, sampleSize: DEFAULT_SAMPLE_SIZE, windowWeights: [1] };

export interface StoredPeer extends Peer {
  id: number;
  /** When or where the score was published, as typed (e.g. 2026 年上半年). */
  published: string | null;
}

export interface OfficialResult {
  roundId: number;
  score: number;
  rank: number | null;
}

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

function numberOf(text: string): number | null {
  const t = text.trim().replace(/分$/, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return Number(t);
}

export function checkSampleSize(text: string): Checked<number> {
  const n = numberOf(text);
  if (n === null || !Number.isInteger(n) || n < SAMPLE_SIZE_MIN || n > SAMPLE_SIZE_MAX) {
    return { ok: false, message: `样本量应为 ${SAMPLE_SIZE_MIN}–${SAMPLE_SIZE_MAX} 之间的整数` };
  }
  return { ok: true, value: n };
}

/** How far a sum of weights may be from 1 (or 100%) and still be read as adding up: typing rounds, no more. */
const WEIGHT_SUM_TOLERANCE = 1e-6;

/** "0.5" or "50%" → 0.5; anything else null. */
function weightOf(text: string): number | null {
  const percent = /[%％]$/.test(text);
  const n = numberOf(text.replace(/[%％]$/, ''));
  return n === null ? null : percent ? n / 100 : n;
}

/**
 * "0.5, 0.3, 0.2" or "50%, 30%, 20%" (newest first) → weights that add to 1; empty means the latest round only.
 * Weights that do not add to 1 (or 100%) are refused with their sum, never quietly rescaled: the committee sees
 * exactly the shares it typed on the forecast page.
 */
export function checkWindowWeights(text: string): Checked<number[]> {
  const parts = text.split(/[,，、\s]+/).filter((p) => p !== '');
  if (parts.length === 0) return { ok: true, value: [1] };
  if (parts.length > WINDOW_MAX) return { ok: false, message: `最多合并最近 ${WINDOW_MAX} 轮` };
  const weights = parts.map(weightOf);
  if (weights.some((w) => w === null || !(w >= 0)) || !weights.some((w) => (w ?? 0) > 0)) {
    return { ok: false, message: '各轮权重应为不小于 0 的数，且至少一个大于 0（如 0.5, 0.3, 0.2 或 50%, 30%, 20%）' };
  }
  const values = weights.map((w) => w ?? 0);
  const sum = values.reduce((a, b) => a + b, 0);
  // Whole numbers that add to 100 (50, 30, 20) are percentages typed without the sign.
  if (Math.abs(sum - 100) <= WEIGHT_SUM_TOLERANCE * 100 && parts.every((p) => !/[%％]$/.test(p))) return { ok: true, value: values.map((w) => w / 100) };
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    const shown = Number((sum * 100).toFixed(4));
    return { ok: false, message: `各轮权重之和应为 100%（或 1），现在为 ${shown}%；请调整后再保存，如 0.5, 0.3, 0.2` };
  }
  return { ok: true, value: values };
}

export function checkScore(text: string, what = '得分'): Checked<number> {
  const n = numberOf(text);
  if (n === null || n < 0 || n > 100) return { ok: false, message: `${what}应为 0–100 之间的数` };
  return { ok: true, value: n };
}

export interface PeerInput {
  name: string;
  score: string;
  sd?: string;
  published?: string;
}

export function checkPeer(input: PeerInput): Checked<Omit<StoredPeer, 'id'>> {
  const name = input.name.trim();
  if (name === '') return { ok: false, message: '请填写区县名称' };
  if ([...name].length > PEER_NAME_MAX) return { ok: false, message: `区县名称最多 ${PEER_NAME_MAX} 个字` };
  const score = checkScore(input.score, '公布得分');
  if (!score.ok) return score;
  let sd: number | null = null;
  const sdText = (input.sd ?? '').trim();
  if (sdText !== '') {
    const v = numberOf(sdText);
    if (v === null || v < 0 || v > 50) return { ok: false, message: '波动（标准差）应为 0–50 之间的数，不知道可留空' };
    sd = v;
  }
  const published = (input.published ?? '').trim().slice(0, 40) || null;
  return { ok: true, value: { name, score: score.value, sd, published } };
}

export function checkRank(text: string): Checked<number | null> {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  const n = numberOf(t.replace(/^第/, '').replace(/名$/, ''));
  if (n === null || !Number.isInteger(n) || n < 1 || n > 1000) return { ok: false, message: '名次应为正整数，不知道可留空' };
  return { ok: true, value: n };
}

const HEADER = /名称|区县|name|得分|分数|score/i;

/**
 * Peers from an imported table (CSV or the first sheet of a workbook): columns 名称, 公布得分, and optionally
 * 波动（标准差）and 公布时间; a first row naming the columns is skipped. Every bad row is reported with its row
 * number; nothing is imported unless every row is good.
 */
export function peersFromRows(rows: ReadonlyArray<{ line: number; cells: string[] }>): { peers: Array<Omit<StoredPeer, 'id'>>; errors: string[] } {
  const body = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const skip = body.length > 0 && HEADER.test(body[0].cells.join(' ')) ? 1 : 0;
  const peers: Array<Omit<StoredPeer, 'id'>> = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  if (body.length - skip === 0) errors.push('文件中没有区县数据（每行：名称, 公布得分[, 波动, 公布时间]）');
  if (body.length - skip > PEERS_MAX) errors.push(`最多导入 ${PEERS_MAX} 个区县`);
  for (const { line, cells } of body.slice(skip, skip + PEERS_MAX)) {
    const checked = checkPeer({ name: cells[0] ?? '', score: cells[1] ?? '', sd: cells[2], published: cells[3] });
    if (!checked.ok) errors.push(`第 ${line} 行：${checked.message}`);
    else if (seen.has(checked.value.name)) errors.push(`第 ${line} 行：区县“${checked.value.name}”重复`);
    else {
      seen.add(checked.value.name);
      peers.push(checked.value);
    }
  }
  return { peers: errors.length > 0 ? [] : peers, errors };
}
