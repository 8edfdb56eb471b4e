// The catalog of named errors. Messages are for the person in front of the screen, so they are Chinese.
import createError from '@fastify/error';

export const RoundNotFound = createError('SP_ROUND_NOT_FOUND', '找不到该轮民调：%s', 404);
export const UnitNotFound = createError('SP_UNIT_NOT_FOUND', '找不到该单位：%s', 404);
export const GridNotFound = createError('SP_GRID_NOT_FOUND', '找不到该网格：%s', 404);
export const NoOpenRound = createError('SP_NO_OPEN_ROUND', '该网格当前没有正在进行的民调', 404);
export const RoundClosed = createError('SP_ROUND_CLOSED', '本轮民调已结束，不再接收答卷', 409);
export const RoundNotOpen = createError('SP_ROUND_NOT_OPEN', '本轮民调尚未开始', 409);
/** The round does not collect answers through this channel (message from features/responses/core/intake.ts). */
export const ChannelNotOpen = createError('SP_CHANNEL_NOT_OPEN', '%s', 403);
export const AlreadyAnswered = createError('SP_ALREADY_ANSWERED', '您的答卷已经收到，本轮每人只需填写一次', 409);
export const InviteInvalid = createError('SP_INVITE_INVALID', '该邀请链接无效或已使用', 410);
export const BadRequest = createError('SP_BAD_REQUEST', '请求有误：%s', 400);
export const NotAuthenticated = createError('SP_NOT_AUTHENTICATED', '请先登录', 401);
export const Forbidden = createError('SP_FORBIDDEN', '您没有权限查看该内容', 403);
export const ApiCredentialMissing = createError('SP_API_CREDENTIAL_MISSING', '请提供 API 令牌（Authorization: Bearer 令牌）或先登录', 401);
export const ApiCredentialInvalid = createError('SP_API_CREDENTIAL_INVALID', 'API 令牌无效或已被吊销', 401);
export const ApiOutOfScope = createError('SP_API_OUT_OF_SCOPE', '该令牌或账号无权访问该单位：%s', 403);
export const ApiTokenNotFound = createError('SP_API_TOKEN_NOT_FOUND', '找不到该令牌', 404);
export const ApiRoundOutOfScope = createError(
  'SP_API_ROUND_OUT_OF_SCOPE', '该令牌或账号只能查看本轮部分单位的结果，请用 unit 参数指定您范围内的单位', 403,
);
export const Conflict = createError('SP_CONFLICT', '%s', 409);
export const GridNotInRound = createError('SP_GRID_NOT_IN_ROUND', '该网格不在本轮民调范围内：%s', 404);
export const BadEncoding = createError('SP_BAD_ENCODING', '提交的内容编码有误，请使用 UTF-8 重新提交', 400);
export const UnitNotInRound = createError('SP_UNIT_NOT_IN_ROUND', '该单位不在本轮民调范围内：%s', 404);
export const AccountDisabled = createError('SP_ACCOUNT_DISABLED', '该账号已被停用，请联系系统管理员', 403);
export const AccountNotFound = createError('SP_ACCOUNT_NOT_FOUND', '找不到该账号', 404);
export const ReceiptNotFound = createError('SP_RECEIPT_NOT_FOUND', '找不到该回执：%s', 404);
/** A receipt step the user may not take (scope, not the assignee, a grid worker closing): the reason is the domain's. */
export const ReceiptRefused = createError('SP_RECEIPT_REFUSED', '%s', 403);
/** A receipt form filled in wrongly (no reply, an unknown method, a date in the past). */
export const ReceiptFormInvalid = createError('SP_RECEIPT_FORM_INVALID', '%s', 422);
export const ContactNotFound = createError('SP_CONTACT_NOT_FOUND', '找不到该号码', 404);
export const ResponseNotFound = createError('SP_RESPONSE_NOT_FOUND', '找不到该问卷：%s', 404);
export const SelfCallbackRefused = createError('SP_SELF_CALLBACK', '%s', 403);
/**
 * A round whose questionnaire version is not stored: the version is a foreign key of the round, so this is a damaged
 * database, not bad input — a 500 (logged with the round and the version), whichever page, export or command asked.
 */
export const QuestionnaireMissing = createError('SP_QUESTIONNAIRE_MISSING', '轮次 %s 的问卷版本 %s 不存在', 500);

/** How a resident reaches someone who can help, for any resident link that leads nowhere (no grid is known then). */
const REACH_GRID_WORKER = [
  '请核对海报或通知上的链接是否完整、有没有输错字母或数字，也可以重新扫描海报上的二维码。',
  '如仍无法打开，请联系张贴海报的网格员（海报上印有网格员姓名和联系电话），或向所在村（社区）咨询。',
] as const;

/** What the person can do next, by error code, shown under the message (resident links that lead nowhere). */
const HELP: Readonly<Record<string, readonly string[]>> = {
  SP_GRID_NOT_FOUND: REACH_GRID_WORKER,
  SP_GRID_NOT_IN_ROUND: REACH_GRID_WORKER,
  SP_NO_OPEN_ROUND: ['本轮民调开始后，原链接和二维码即可使用。如有疑问，请联系网格员或向所在村（社区）咨询。'],
  FST_ERR_BAD_URL: REACH_GRID_WORKER,
  FST_ERR_MAX_PARAM_LENGTH: REACH_GRID_WORKER,
};

/** What a resident can do next after an error on a resident link; any other link that leads nowhere (404) is treated
 * like a mistyped grid. */
export function residentHelpFor(code: string | undefined, status: number): readonly string[] {
  return (code !== undefined ? HELP[code] : undefined) ?? (status === 404 ? REACH_GRID_WORKER : []);
}

// --- Permissions as verbs (server/core/auth/permissions.ts): a refused verb outside receipts, its sentence shown. ---
export const NotPermitted = createError('SP_NOT_PERMITTED', '%s', 403);

// --- Issued notices (发文登记): a register entry that does not exist, or was numbered before files were kept. ---
export const NoticeNotFound = createError('SP_NOTICE_NOT_FOUND', '找不到该发文的存档文件：%s', 404);
// The sample planner (features/planning): the round is not closed, or its level has no small-area model.
export const PlanningUnavailable = createError('SP_PLANNING_UNAVAILABLE', '%s', 409);

// Files built off the event loop (platform/build-pool.ts): the person is told to try again; the details of a failure
// (the worker's own message) go to the log, not the page.
export const BuildTimedOut = createError('SP_BUILD_TIMED_OUT', '文件生成超时（超过 %s 秒），请稍后再试', 503);
export const BuildFailed = createError('SP_BUILD_FAILED', '文件生成失败，请稍后再试；如仍失败，请联系系统管理员', 503);
export const BuildBusy = createError('SP_BUILD_BUSY', '正在生成的文件太多，请稍后再试', 503);
