// Schemas of the planner's API (GET /api/rounds/:round/planning?level=grid|village), docs/statistics.md#sample-planner.
import { Type, type Static } from '@sinclair/typebox';
import { RoundCodeParam } from '../responses/api-schemas.js';

export const PlanningParams = Type.Object({ round: RoundCodeParam });
export const PlanningQuery = Type.Object({
  level: Type.Optional(Type.Union([Type.Literal('grid'), Type.Literal('village')], { description: '层级，缺省为网格' })),
});
export type PlanningQuery = Static<typeof PlanningQuery>;

const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

export const PlanningReply = Type.Object({
  level: Type.Union([Type.Literal('grid'), Type.Literal('village')]),
  c: Type.Number({ description: '平滑抽样方差常数：每份样本的方差，ψ = c/n' }),
  sigma2u: Type.Number({ description: '单位间真实差异的方差 σ²_u' }),
  meanGamma: Type.Number({ description: '本轮可靠度：各单位样本权重 γ 的平均' }),
  currentN: Type.Integer({ description: '目前每单位每月平均样本量' }),
  nForReliability: Type.Object({ '0.7': NullableInt, '0.8': NullableInt }, { description: '达到该可靠度每单位所需样本量；σ²_u = 0 时为 null' }),
  nForChange: Type.Object({ '5': Type.Integer(), '10': Type.Integer() }, { description: '以 80% 把握看出 5 分、10 分变化每单位所需样本量' }),
  halfWidth: Type.Record(Type.String(), Type.Number(), { description: '按样本量：95% 区间半宽' }),
  table: Type.Array(
    Type.Object({ n: Type.Integer(), reliability: Type.Number(), halfWidth: Type.Number(), detectableChange: Type.Number() }),
    { description: '每单位 10、20、30、50、100 份时的可靠度、区间半宽、可看出的最小变化' },
  ),
  paragraph: Type.String(),
});

/** The planner page's form: a closed round (absent: the newest) and a level. */
export const PlanningPageQuery = Type.Object({
  round: Type.Optional(Type.String({ maxLength: 64 })),
  level: Type.Optional(Type.Union([Type.Literal('grid'), Type.Literal('village')])),
});
