// Schemas of the forecast pages, their forms and the forecast API. Numbers typed by the committee arrive as
// text and are checked in features/forecast/core/settings.ts, so a bad one gets a Chinese message on the page.
import { Type, type Static } from '@sinclair/typebox';
import { IntegerParam } from '../../web/integer-params.js';
import { CsrfField, RoundCode } from '../../web/staff/schemas.js';
import { RoundCodeParam } from '../responses/api-schemas.js';
import type { TableLimits } from '../../core/tables/table-file.js';

const Short = Type.String({ maxLength: 100 });

export const ForecastQuery = Type.Object({
  target: Type.Optional(Type.Union([Type.Literal('score'), Type.Literal('rank')], { description: '目标类型：得分或名次' })),
  score: Type.Optional(Type.String({ maxLength: 20, description: '目标得分（0–100）' })),
  rank: Type.Optional(Type.String({ maxLength: 20, description: '目标名次' })),
  p: Type.Optional(Type.String({ maxLength: 20, description: '要求达到目标的概率（50–99，百分数）' })),
});
export type ForecastQuery = Static<typeof ForecastQuery>;

export const ForecastSettingsBody = Type.Object({
  _csrf: CsrfField,
  survey: Short,
  sampleSize: Type.String({ maxLength: 20 }),
  window: Type.Optional(Short),
  /** auto / phone / all (core/answer-mode.ts); absent keeps the stored choice. */
  answerMode: Type.Optional(Type.String({ maxLength: 10 })),
});
export type ForecastSettingsBody = Static<typeof ForecastSettingsBody>;

export const PeerBody = Type.Object({
  _csrf: CsrfField,
  name: Short,
  score: Type.String({ maxLength: 20 }),
  sd: Type.Optional(Type.String({ maxLength: 20 })),
  published: Type.Optional(Short),
});
export type PeerBody = Static<typeof PeerBody>;

export const PeerParams = Type.Object({ id: IntegerParam(1) });
export type PeerParams = Static<typeof PeerParams>;

/** An import replaces the peer list or adds to it (同名区县更新). */
const PeerImportMode = Type.Optional(Type.Union([Type.Literal('replace'), Type.Literal('append')], { description: '替换现有 / 追加' }));

export const PeerPasteBody = Type.Object({ _csrf: CsrfField, csv: Type.String({ maxLength: 200_000 }), mode: PeerImportMode });
export type PeerPasteBody = Static<typeof PeerPasteBody>;

export const PeerUploadBody = Type.Object({ _csrf: CsrfField, mode: PeerImportMode }, { additionalProperties: true });

export const MAX_PEER_FILE_BYTES = 2 * 1024 * 1024;

/** A province has a few hundred districts at most: a peer table past these bounds is not one (docs/rules.md#upload-limits). */
export const PEER_TABLE_LIMITS: TableLimits = { maxFileBytes: MAX_PEER_FILE_BYTES, maxUnpackedBytes: 32 * 1024 * 1024, maxRows: 5_000, maxCells: 50_000 };

export const OfficialBody = Type.Object({
  _csrf: CsrfField,
  round: RoundCode,
  score: Type.String({ maxLength: 20 }),
  rank: Type.Optional(Type.String({ maxLength: 20 })),
});
export type OfficialBody = Static<typeof OfficialBody>;

export const OfficialParams = Type.Object({ round: RoundCode });
export type OfficialParams = Static<typeof OfficialParams>;

export const ForecastRoundParams = Type.Object({ round: RoundCodeParam });
export type ForecastRoundParams = Static<typeof ForecastRoundParams>;

const Range = Type.Tuple([Type.Number(), Type.Number()]);
const PlanItemJson = Type.Object({
  areaCode: Type.String(),
  areaName: Type.String(),
  questionId: Type.String(),
  questionLabel: Type.String(),
  from: Type.String(),
  to: Type.String(),
  fromLabel: Type.String(),
  toLabel: Type.String(),
  count: Type.Integer({ description: '需要改变回答的模拟民调受访者人数' }),
  gain: Type.Number({ description: '预计综合得分的提高（分）' }),
  gainPerResident: Type.Number(),
  text: Type.String(),
});

export const ForecastReply = Type.Object({
  ok: Type.Boolean(),
  message: Type.Union([Type.String(), Type.Null()], { description: '无法预测时的原因' }),
  compositeName: Type.Union([Type.String(), Type.Null()]),
  rounds: Type.Array(Type.Object({ code: Type.String(), period: Type.String(), share: Type.Number() }), { description: '所依据的轮次及其权重' }),
  sampleSize: Type.Union([Type.Integer(), Type.Null()], { description: '正式民调样本量' }),
  draws: Type.Union([Type.Integer(), Type.Null()], { description: '模拟次数' }),
  expected: Type.Union([Type.Number(), Type.Null()], { description: '预计得分（模拟均值）' }),
  sd: Type.Union([Type.Number(), Type.Null()], { description: '正式民调样本量下的标准差' }),
  range80: Type.Union([Range, Type.Null()]),
  range95: Type.Union([Range, Type.Null()]),
  ranks: Type.Array(Type.Object({ rank: Type.Integer(), probability: Type.Number() }), { description: '各名次的概率（无同类区县时为空）' }),
  plan: Type.Union([
    Type.Object({
      target: Type.Object({ kind: Type.Union([Type.Literal('score'), Type.Literal('rank')]), value: Type.Number() }),
      wanted: Type.Number(),
      status: Type.Union([Type.Literal('already'), Type.Literal('reached'), Type.Literal('unreachable')]),
      residents: Type.Integer(),
      items: Type.Array(PlanItemJson),
      checkProbability: Type.Union([Type.Number(), Type.Null()], { description: '把方案代入数据后重新模拟达到目标的概率' }),
    }),
    Type.Null(),
  ]),
  caveats: Type.Array(Type.String(), { description: '预测没有计入的因素' }),
});
export type ForecastReply = Static<typeof ForecastReply>;
