// Schemas of GET /api/rounds/:round/interviewers (访员质量; docs/statistics.md#interviewers): the page's rows as JSON.
import { Type, type Static } from '@sinclair/typebox';
import { RoundCodeParam } from '../responses/api-schemas.js';
import { CsrfField } from '../../web/staff/schemas.js';

export const InterviewersApiParams = Type.Object({ round: RoundCodeParam });
export type InterviewersApiParams = Static<typeof InterviewersApiParams>;

const Row = Type.Object({
  interviewerId: Type.Integer(),
  name: Type.String(),
  interviews: Type.Integer(),
  phone: Type.Integer(),
  paper: Type.Integer(),
  grids: Type.Integer(),
  own: Type.String({ description: '本人受访者综合得分（同网格，按人口加权）' }),
  others: Type.String({ description: '同网格其他受访者综合得分' }),
  gap: Type.String({ description: '差值（本人 − 其他）' }),
  margin: Type.String({ description: '差值 95% 误差范围 ±1.96·SE' }),
  gapReal: Type.Boolean({ description: '差值超出抽样误差' }),
  dontKnow: Type.String(),
  straight: Type.String({ description: '各题答案完全相同的访问占比' }),
  allBest: Type.String({ description: '各题都选最好一档的访问占比' }),
  minutes: Type.String({ description: '电话访问时长中位数（分钟）' }),
  confirmed: Type.Integer({ description: '真实度回访核实相符' }),
  notConfirmed: Type.Integer({ description: '真实度回访核实不符' }),
  marked: Type.Boolean({ description: '需核查' }),
  reasons: Type.Array(Type.String()),
});

export const InterviewersReply = Type.Object({
  round: Type.String(),
  settings: Type.Object({
    straightShare: Type.Number(),
    allBestShare: Type.Number(),
    minMedianMinutes: Type.Number(),
    callbackMismatches: Type.Number(),
    minInterviews: Type.Number(),
    coachedZ: Type.Number(),
    coachedQuantile: Type.Number(),
  }),
  interviewers: Type.Array(Row),
});
export type InterviewersReply = Static<typeof InterviewersReply>;

/** The round's thresholds form (POST /rounds/:code/interviewers/thresholds): each field as typed, empty for the default. */
const Typed = Type.Optional(Type.String({ maxLength: 40 }));
export const ThresholdsBody = Type.Object({
  _csrf: CsrfField,
  /** When the thresholds the form shows were saved ('' when the round had none): a later save refuses a stale form. */
  basedOn: Type.Optional(Type.String({ maxLength: 40 })),
  straightShare: Typed,
  allBestShare: Typed,
  minMedianMinutes: Typed,
  callbackMismatches: Typed,
  minInterviews: Typed,
  coachedZ: Typed,
  coachedQuantile: Typed,
});
export type ThresholdsBody = Static<typeof ThresholdsBody>;

/** GET /rounds/:code/interviewers after a save. */
export const InterviewersPageQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 20 })) });
