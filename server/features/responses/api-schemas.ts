// Schemas of the public JSON API (/api): requests are validated against them, replies serialised through them, and
// the OpenAPI document at /api/openapi.json is generated from them.
import { Type, type Static } from '@sinclair/typebox';
import { GridCode } from '../resident-form/schemas.js';

export const RoundCodeParam = Type.String({ minLength: 1, maxLength: 100, description: '轮次编号，例如 2025-03-hunan-100' });

export const GridCodeParams = Type.Object({ gridCode: GridCode });
export type GridCodeParams = Static<typeof GridCodeParams>;

export const RoundParams = Type.Object({ round: RoundCodeParam });
export type RoundParams = Static<typeof RoundParams>;

/** The error reply of every 4xx/5xx (see plugins/error-handler.ts). */
export const ErrorReply = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String({ description: '给用户看的中文说明' }),
    requestId: Type.Optional(Type.String()),
  },
);

/** The security schemes of the OpenAPI document (declared in app.ts; checked by plugins/api-auth.ts). */
export const BEARER_SCHEME = 'apiToken';
export const SESSION_SCHEME = 'staffSession';
/** `security` of an operation that needs an API token or a staff session (either one). */
export const CREDENTIAL_REQUIRED: Array<Record<string, string[]>> = [{ [BEARER_SCHEME]: [] }, { [SESSION_SCHEME]: [] }];
/** `security` of an operation open to anyone that answers more to a credential (`{}`: none needed). */
export const CREDENTIAL_OPTIONAL: Array<Record<string, string[]>> = [{}, ...CREDENTIAL_REQUIRED];
/** `security` of an operation open to anyone. */
export const NO_CREDENTIAL: Array<Record<string, string[]>> = [];

/** The replies of an operation behind a credential: none or a bad one (401), a unit outside its scope (403). */
export const CredentialReplies = {
  401: Type.Object(ErrorReply.properties, { description: '没有提供令牌或登录会话，或令牌无效、已吊销' }),
  403: Type.Object(ErrorReply.properties, { description: '令牌或账号的范围不包括该单位' }),
};

export const AnswerErrorSchema = Type.Object({
  questionId: Type.String(),
  message: Type.String({ description: '中文说明，可直接显示在题目旁' }),
});

/** 422: the answers do not fit the questionnaire; one entry per question. */
export const InvalidAnswersReply = Type.Object({
  statusCode: Type.Literal(422),
  message: Type.String(),
  errors: Type.Array(AnswerErrorSchema),
});
export type InvalidAnswersReply = Static<typeof InvalidAnswersReply>;

export const OptionSchema = Type.Object({
  code: Type.String(),
  label: Type.String(),
});

export const QuestionSchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  type: Type.Union([Type.Literal('single'), Type.Literal('multiple'), Type.Literal('yesno'), Type.Literal('text')]),
  required: Type.Boolean(),
  options: Type.Array(OptionSchema),
  section: Type.Optional(Type.String()),
  hint: Type.Optional(Type.String()),
  maxLength: Type.Optional(Type.Integer()),
  maxChoices: Type.Optional(Type.Integer()),
  showIf: Type.Optional(
    Type.Object({ question: Type.String(), anyOf: Type.Array(Type.String()) }, {
      description: '仅当前面某题的答案包含其中一个选项时才显示（并且才可以回答）',
    }),
  ),
});

export const RoundSummary = Type.Object({
  code: Type.String(),
  period: Type.String({ description: 'YYYY-MM' }),
  kind: Type.Union([Type.Literal('monthly'), Type.Literal('sweep'), Type.Literal('adhoc')]),
  state: Type.Union([Type.Literal('draft'), Type.Literal('open'), Type.Literal('closed')]),
  survey: Type.Object({ key: Type.String(), version: Type.Integer(), title: Type.String() }),
});
export type RoundSummary = Static<typeof RoundSummary>;

export const RoundList = Type.Object({ rounds: Type.Array(RoundSummary) });

export const QuestionnaireReply = Type.Object({
  round: RoundSummary,
  grid: Type.Object({ code: Type.String(), name: Type.String() }),
  questionnaire: Type.Object({
    intro: Type.String(),
    screenOutMessage: Type.String(),
    thankYou: Type.String(),
    screening: Type.Array(QuestionSchema, { description: '筛选题：某些选项表示不符合条件，答卷以 screened_out 结束' }),
    questions: Type.Array(QuestionSchema),
  }),
});
export type QuestionnaireReply = Static<typeof QuestionnaireReply>;

export const NewResponseBody = Type.Object({
  grid: GridCode,
  answers: Type.Record(
    Type.String({ maxLength: 64 }),
    Type.Union([Type.String({ maxLength: 5000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 200 })]),
    { description: '题号 → 选项编号（多选题为数组）或文字；选了“其他（请注明）”时，用“题号.other”给出说明文字', maxProperties: 300 },
  ),
  submissionKey: Type.Optional(
    Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: '客户端生成的一次性编号：重复提交只保存一次' }),
  ),
});
export type NewResponseBody = Static<typeof NewResponseBody>;

export const ResponseCreated = Type.Object({
  id: Type.Integer(),
  status: Type.Union([Type.Literal('complete'), Type.Literal('screened_out')]),
});
export type ResponseCreated = Static<typeof ResponseCreated>;
