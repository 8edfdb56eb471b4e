// A polling round: one questionnaire version run over a period for a set of units, with its life draft → open →
// closed. The entity and its one list of Chinese labels (the life's rules are in round-rules.ts).

export type RoundState = 'draft' | 'open' | 'closed';
export type RoundKind = 'monthly' | 'sweep' | 'adhoc';
export type ChannelName = 'web' | 'phone' | 'paper';

export const ROUND_STATES: readonly RoundState[] = ['draft', 'open', 'closed'];
export const ROUND_KINDS: readonly RoundKind[] = ['monthly', 'sweep', 'adhoc'];
export const ALL_CHANNELS: readonly ChannelName[] = ['web', 'phone', 'paper'];

export const ROUND_STATE_LABELS: Readonly<Record<RoundState, string>> = { draft: '草稿', open: '进行中', closed: '已结束' };
export const ROUND_KIND_LABELS: Readonly<Record<RoundKind, string>> = { monthly: '月度模拟民调', sweep: '半年数据库普测', adhoc: '专项/临时' };
export const CHANNEL_LABELS: Readonly<Record<ChannelName, string>> = { web: '群众扫码/链接', phone: '电话访问', paper: '纸质录入' };

export interface Round {
  id: number;
  code: string;
  surveyVersionId: number;
  surveyKey: string;
  period: string;
  kind: RoundKind;
  state: RoundState;
  quotaPerGrid: number;
  minSample: number;
  channels: ChannelName[];
  eligibilityE: number | null;
  /**
   * Which estimate ranks the villages and grids (docs/statistics.md#small-area-estimates): the model estimate (new
   * rounds' default) or the direct one. Absent (rounds built by hand in tests): direct.
   */
  rankingEstimate?: RankingEstimate;
  unitIds: number[];
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

/** The estimate a round ranks its villages and grids by (migration 033). */
export type RankingEstimate = 'model' | 'direct';
export const RANKING_ESTIMATES: readonly RankingEstimate[] = ['model', 'direct'];
export const RANKING_ESTIMATE_LABELS: Readonly<Record<RankingEstimate, string>> = { model: '模型估计（小域估计）', direct: '直接估计' };
