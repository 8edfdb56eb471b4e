// Schemas of the results API (GET /api/rounds/:round/results): the numbers of the bulletin as JSON, for other systems
// and for checking. Scores are 0–100, rates fractions 0–1.
import { Type, type Static } from '@sinclair/typebox';
import { RoundCodeParam } from '../responses/api-schemas.js';

export const ResultsParams = Type.Object({ round: RoundCodeParam });
export type ResultsParams = Static<typeof ResultsParams>;

export const ResultsQuery = Type.Object({
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '单位编码；缺省为本轮最上级单位' })),
});
export type ResultsQuery = Static<typeof ResultsQuery>;

const Num = Type.Union([Type.Number(), Type.Null()]);

// Small-area (model) estimates of villages and grids (docs/statistics.md#small-area-estimates).
const SmallAreaJson = Type.Object(
  {
    value: Type.Number({ description: '模型估计（EBLUP）' }),
    mse: Type.Number({ description: '均方误差（Prasad–Rao/Datta–Lahiri）' }),
    lo: Type.Number({ description: '95% 区间下限（限于量表内）' }),
    hi: Type.Number({ description: '95% 区间上限（限于量表内）' }),
    gamma: Type.Number({ description: '本单位样本权重 γ' }),
  },
  { description: '小域估计：样本少的单位向所在乡镇的平均水平靠拢' },
);

const SmallAreaModelJson = Type.Union([
  Type.Object({
    c: Type.Number({ description: '平滑抽样方差常数：ψ = c/n' }),
    sigma2u: Type.Number({ description: '单位间方差 σ²_u（REML）' }),
    beta: Type.Record(Type.String(), Type.Number(), { description: '各乡镇效应，按乡镇编码' }),
    iterations: Type.Integer({ description: 'Fisher 评分迭代步数' }),
  }),
  Type.Object({ model: Type.Literal('none'), reason: Type.Literal('样本不足以建模') }),
]);
const SmallAreaLevelJson = Type.Record(Type.String(), SmallAreaModelJson, { description: '按估计：composite 或指标编号' });

export const EstimateJson = Type.Object(
  {
    value: Num,
    se: Type.Union([Type.Number(), Type.Null()], { description: '线性化标准误' }),
    lo: Type.Union([Type.Number(), Type.Null()], { description: '95% 区间下限' }),
    hi: Type.Union([Type.Number(), Type.Null()], { description: '95% 区间上限' }),
    n: Type.Integer({ description: '有效回答数（不含“不清楚”等）' }),
    dontKnow: Type.Number({ description: '“不清楚/不了解”的加权占比 0–1' }),
    smallArea: Type.Optional(Type.Union([SmallAreaJson, Type.Null()], { description: '村/网格：小域估计（模型估计）；无模型时为 null' })),
  },
  { description: '加权估计：得分为 0–100，比率为 0–1' },
);
export type EstimateJson = Static<typeof EstimateJson>;

export const UnitResultJson = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.Literal('district'), Type.Literal('township'), Type.Literal('village'), Type.Literal('grid')]),
  n: Type.Integer({ description: '完成样本数' }),
  acceptedAfterReview: Type.Integer({ description: '完成样本中先暂存待核查、经核查后采纳的网上答卷数（计入 n）' }),
  composite: EstimateJson,
  indices: Type.Record(Type.String(), EstimateJson, { description: '按问卷指标编号' }),
  knowledge: Type.Union([EstimateJson, Type.Null()], { description: '应知应会率（问卷无应知应会题时为 null）' }),
  rank: Type.Union([Type.Integer(), Type.Null()], { description: '同层级竞争排名（1, 2, 2, 4）；样本不足时为 null' }),
  rankRange: Type.Union([Type.Tuple([Type.Integer(), Type.Integer()]), Type.Null()], {
    description: '可能名次 [lo, hi]：按各单位得分与标准误模拟 2000 次排名（固定种子）的 2.5%–97.5% 分位，并包含公布名次；未排名时为 null',
  }),
  rankChange: Type.Union([Type.Integer(), Type.Null()], { description: '较上一轮上升的名次（正数为上升）' }),
  scoreChange: Num,
  insufficient: Type.Boolean({ description: '样本不足（少于本轮最低样本量），不参与排名' }),
  equalWeights: Type.Boolean({ description: '部分网格缺人口数，所有受访者等权' }),
  smallAreaRank: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: '村/网格：按综合得分模型估计的竞争排名' })),
  smallAreaRankRange: Type.Optional(
    Type.Union([Type.Tuple([Type.Integer(), Type.Integer()]), Type.Null()], { description: '村/网格：模型排名的可能名次 [lo, hi]' }),
  ),
});
export type UnitResultJson = Static<typeof UnitResultJson>;

// Answer-mode gap of one estimate (docs/statistics.md#answer-modes).
export const ModeGapJson = Type.Object({
  modes: Type.Tuple([Type.String(), Type.String()], { description: '比较的两种方式，如 ["web", "phone"]' }),
  index: Type.String({ description: '"composite" 或问卷指标编号' }),
  value: Type.Union([Type.Number(), Type.Null()], { description: '差值：前者 − 后者' }),
  se: Type.Union([Type.Number(), Type.Null()], { description: '标准误 √(SE₁² + SE₂²)' }),
  real: Type.Boolean({ description: '|差值| > 1.96·标准误' }),
  grids: Type.Integer({ description: '两种方式均有完成样本的网格数' }),
  n: Type.Tuple([Type.Integer(), Type.Integer()], { description: '这些网格中两种方式各自的完成样本数' }),
});

export const RoundResultsReply = Type.Object({
  round: Type.Object({
    code: Type.String(),
    period: Type.String(),
    state: Type.Union([Type.Literal('draft'), Type.Literal('open'), Type.Literal('closed')]),
    survey: Type.Object({ key: Type.String(), version: Type.Integer(), title: Type.String() }),
    minSample: Type.Integer(),
    computedAt: Type.String(),
  }),
  unit: UnitResultJson,
  children: Type.Array(UnitResultJson, { description: '直属下级单位，按排名' }),
  // Mode gaps of the unit (district and township only; docs/statistics.md#answer-modes).
  modeGaps: Type.Array(ModeGapJson, { description: '方式差异（区县、乡镇）：两种方式均有回答的网格上，前者减后者' }),
  smallAreaModels: Type.Union([Type.Object({ village: SmallAreaLevelJson, grid: SmallAreaLevelJson }), Type.Null()], {
    description: '村、网格两级的小域估计模型（各估计一套）',
  }),
});
export type RoundResultsReply = Static<typeof RoundResultsReply>;
