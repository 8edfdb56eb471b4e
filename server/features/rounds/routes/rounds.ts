// Rounds: the list, the "new round" form (committee and administrators), one round's page, and opening and
// closing with a confirmation step. Every change is written to the audit log in the same transaction.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import { roundTouchesScope } from '../../../core/auth/scope.js';
import { checkRoundForm, DEFAULT_MIN_SAMPLE, DEFAULT_QUOTA_PER_GRID, ROUND_CHANNELS, ROUND_KINDS, type FieldError } from '../core/round-form.js';
import { buildUnitTree, type UnitNode } from '../../../core/units/tree-summary.js';
import { Conflict } from '../../../web/errors.js';
import { RoundLifecycle, RoundLinkTaken } from '../round-lifecycle.js';
import { defaultChannels, linkHeldProblem, takesWebAnswers } from '../core/link-ownership.js';
import { listOf, NewRoundBody, NewRoundQuery, RoundParams, CsrfOnlyBody } from '../../../web/staff/schemas.js';
import { auditActionLabel } from '../../audit/core/actions.js';
import { STAFF_LAYOUT, actorOf, roundInScope, staffUser } from '../../../web/staff/context.js';
import { roundFieldwork } from './round-fieldwork.js';
import { roundRankingRoutes } from './round-ranking.js';
import { planningFor } from '../../planning/planning-service.js';
import { reviewCounts } from '../../review/review-service.js';
import { CHANNEL_LABELS, RANKING_ESTIMATE_LABELS, ROUND_KIND_LABELS, ROUND_STATE_LABELS } from '../../../core/rounds/round.js';
import { publicTitleOf } from '../../../core/survey/public-title.js';
import { RoundStateError, createRound, setRankingEstimate } from '../rounds-service.js';
import { writeTransaction } from '../../../platform/write-transaction.js';
import { ofRound } from '../../surveys/surveys-service.js';
import { Period } from '../../../core/time/period.js';
import { allow } from '../../../web/permissions.js';
import { can } from '../../../core/auth/permissions.js';
import { coachedSection } from '../../interviewers/coached-view.js';
import { isInviteOnly, markInviteOnly } from '../../invites/invites-service.js';

type Transition = 'open' | 'close';
const TRANSITIONS: Record<Transition, { from: Round['state']; verb: string; warning: string }> = {
  open: { from: 'draft', verb: '开始', warning: '开始后，各网格的群众链接即可填答，问卷不能再更换。' },
  close: { from: 'open', verb: '结束', warning: '结束后本轮不再接收任何答卷，结果和通报将被冻结，不能撤销。' },
};
const OPEN_WITHOUT_WEB = '本轮不通过群众扫码/链接收集答卷，各网格的群众链接不受影响；开始后问卷不能再更换。';

/** What the confirmation page says, and why the round cannot be opened now (another round holds its grids' links). */
function confirmText(app: FastifyInstance, action: Transition, round: Round): { warning: string; blocked: string | null } {
  if (action === 'close') return { warning: TRANSITIONS.close.warning, blocked: null };
  if (!takesWebAnswers(round)) return { warning: OPEN_WITHOUT_WEB, blocked: null };
  const holder = app.repos.rounds.webLinkHolder(round);
  return { warning: TRANSITIONS.open.warning, blocked: holder ? linkHeldProblem(round.code, holder) : null };
}

function requireManager(user: StaffUser): void {
  allow(user, 'round.manage');
}

/**
 * The questionnaire's title (what staff pick a round by) and the poll's name for residents, which the poster and the
 * form print: the round's pages show both so the name on a poster can be found here.
 */
function titlesOf(app: FastifyInstance, round: Round): { surveyTitle: string; publicTitle: string } {
  const survey = ofRound(app.repos, round);
  return { surveyTitle: survey.title, publicTitle: publicTitleOf(survey) };
}

/** What the list and detail pages show of a round. */
function roundView(app: FastifyInstance, round: Round) {
  return {
    round,
    stateName: ROUND_STATE_LABELS[round.state],
    kindName: ROUND_KIND_LABELS[round.kind],
    channelNames: round.channels.map((c) => CHANNEL_LABELS[c]).join('、'),
    rankingName: RANKING_ESTIMATE_LABELS[round.rankingEstimate ?? 'direct'],
    ...titlesOf(app, round),
    units: round.unitIds.map((id) => app.repos.units.getById(id)).filter((u) => u !== undefined),
    inviteOnly: isInviteOnly(app.repos, round.id),
  };
}

interface FormValues {
  surveyVersionId: string;
  period: string;
  kind: string;
  units: string[];
  quotaPerGrid: string;
  minSample: string;
  channels: string[];
  rankingEstimate?: 'model' | 'direct';
  /** How residents reach the form: "open" (QR poster and link) or "invite" (one-time household codes). */
  access: string;
}

function formPage(app: FastifyInstance, values: FormValues, errors: FieldError[]) {
  const errorOf = (field: FieldError['field']) => errors.filter((e) => e.field === field).map((e) => e.message).join('；');
  // Units in tree order (each village under its township), indented by depth; grids are chosen through them.
  const unitChoices: Array<{ code: string; label: string; selected: boolean }> = [];
  const walk = (nodes: UnitNode[], depth: number) => {
    for (const n of nodes) {
      if (n.unit.level === 'grid') continue;
      unitChoices.push({ code: n.unit.code, label: `${'　'.repeat(depth)}${n.unit.name}`, selected: values.units.includes(n.unit.code) });
      walk(n.children, depth + 1);
    }
  };
  walk(buildUnitTree(app.repos.units.all(), app.repos.units.roots().map((u) => u.id)), 0);
  return {
    title: values.kind === 'sweep' ? '新建半年数据库普测' : '新建轮次',
    nav: 'rounds',
    // A sweep calls every roster number: it has no quota per grid (its coverage is measured against the roster).
    sweep: values.kind === 'sweep',
    values,
    errors,
    fieldErrors: {
      surveyVersionId: errorOf('surveyVersionId'),
      period: errorOf('period'),
      kind: errorOf('kind'),
      units: errorOf('units'),
      quotaPerGrid: errorOf('quotaPerGrid'),
      minSample: errorOf('minSample'),
      channels: errorOf('channels'),
      code: errorOf('code'),
    },
    surveys: app.repos.surveys.list().map((s) => ({ ...s, selected: String(s.versionId) === values.surveyVersionId })),
    kinds: ROUND_KINDS.map((k) => ({ ...k, selected: k.value === values.kind })),
    channels: ROUND_CHANNELS.map((c) => ({ ...c, checked: values.channels.includes(c.value) })),
    inviteAccess: values.access === 'invite',
    unitChoices,
    planning: planningHint(app, values.quotaPerGrid),
  };
}

/**
 * The sample planner's advice for the quota typed (docs/statistics.md#sample-planner), from the latest closed monthly
 * round with a grid model; null when there is none or no quota.
 */
function planningHint(app: FastifyInstance, quotaText: string): { round: string; paragraph: string } | null {
  const quota = Number(quotaText);
  if (!Number.isInteger(quota) || quota <= 0) return null;
  const latest = app.repos.rounds.list().find((r) => r.state === 'closed' && r.kind === 'monthly');
  if (!latest) return null;
  const advice = planningFor(app.repos, latest, 'grid', quota);
  return typeof advice === 'string' ? null : { round: latest.code, paragraph: advice.paragraph };
}

const roundRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { rounds, audit } = app.repos;

  app.get('/rounds', { schema: { hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const list = rounds
      .list()
      .filter((r) => roundTouchesScope(user, r.unitIds, app.repos.units))
      .map((r) => roundView(app, r));
    return reply.view('staff/rounds', { title: '轮次', nav: 'rounds', rounds: list, canManage: can(user, 'round.manage').allowed }, STAFF_LAYOUT);
  });

  newRoundRoutes(app);

  app.get('/rounds/:code', { schema: { params: RoundParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    return reply.view(
      'staff/round',
      {
        title: `轮次 ${round.code}`,
        nav: 'rounds',
        ...roundView(app, round),
        canManage: can(user, 'round.manage').allowed,
        review: reviewCounts(app.repos, round.id),
        ...roundFieldwork(app, user, round),
        // 答题模式异常 for the committee (features/interviewers/coached-view.ts).
        ...coachedSection(app.repos, user, round),
        history: audit.forRound(round.code).map((e) => ({ ...e, actionName: auditActionLabel(e.action) })),
        csrfToken: reply.generateCsrf(),
      },
      STAFF_LAYOUT,
    );
  });

  for (const action of ['open', 'close'] as const) transitionRoutes(app, action);
  roundRankingRoutes(app);
};

/** The "new round" form and its submission (committee and administrators). */
function newRoundRoutes(app: Parameters<FastifyPluginAsyncTypebox>[0]): void {
  app.get('/rounds/new', { schema: { querystring: NewRoundQuery, hide: true } }, async (request, reply) => {
    requireManager(staffUser(request));
    const latest = app.repos.surveys.list()[0];
    const kind = request.query.kind ?? 'monthly';
    const month = Period.monthOf(new Date());
    const values: FormValues = {
      surveyVersionId: latest ? String(latest.versionId) : '',
      // A sweep runs over the half year: 2026-07…12 → 2026-H2.
      period: String(kind === 'sweep' ? month.halfYear() : month),
      kind,
      units: app.repos.units.roots().map((u) => u.code),
      quotaPerGrid: kind === 'sweep' ? '' : String(DEFAULT_QUOTA_PER_GRID),
      minSample: String(DEFAULT_MIN_SAMPLE),
      channels: defaultChannels(kind),
      access: 'open',
    };
    return reply.view('staff/round-new', { ...formPage(app, values, []), csrfToken: reply.generateCsrf() }, STAFF_LAYOUT);
  });

  app.post('/rounds', { schema: { body: NewRoundBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    requireManager(user);
    const body = request.body;
    const values: FormValues = {
      surveyVersionId: body.surveyVersionId,
      period: body.period.trim(),
      kind: body.kind ?? 'monthly',
      units: listOf(body.units),
      quotaPerGrid: body.quotaPerGrid ?? '',
      minSample: body.minSample ?? '',
      channels: listOf(body.channels),
      rankingEstimate: body.rankingEstimate ?? 'model',
      access: body.access === 'invite' ? 'invite' : 'open',
    };
    const checked = checkRoundForm(values, {
      surveyKeyOf: (id) => app.repos.surveys.getVersion(id)?.survey.id,
      unitIdOf: (code) => app.repos.units.getByCode(code)?.id,
      roundCodeTaken: (code) => app.repos.rounds.getByCode(code) !== undefined,
    });
    if (!checked.ok) {
      return reply
        .code(422)
        .view('staff/round-new', { ...formPage(app, values, checked.errors), csrfToken: reply.generateCsrf() }, STAFF_LAYOUT);
    }
    const v = checked.value;
    const round = writeTransaction(app.db, () => {
      const created = createRound(app.repos, v);
      // New rounds rank by the model (migration 033's default); the form may choose the direct estimate.
      const ranking = values.rankingEstimate ?? 'model';
      setRankingEstimate(app.repos, created, ranking);
      const inviteOnly = values.access === 'invite';
      if (inviteOnly) markInviteOnly(app.repos, created.id);
      const detail = { round: created.code, period: v.period, units: v.unitIds.length, ranking, ...(inviteOnly ? { inviteOnly } : {}) };
      app.repos.audit.record(user.id, 'round.create', detail, actorOf(request).client);
      return created;
    });
    return reply.redirect(`/rounds/${encodeURIComponent(round.code)}`, 303);
  });
}

/** The confirmation page and the change itself for opening or closing a round (features/rounds/round-lifecycle.ts). */
function transitionRoutes(app: Parameters<FastifyPluginAsyncTypebox>[0], action: Transition): void {
  const t = TRANSITIONS[action];
  const lifecycle = new RoundLifecycle(app.db, app.repos);

  app.get(`/rounds/:code/${action}`, { schema: { params: RoundParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    requireManager(user);
    const round = roundInScope(app, user, request.params.code);
    if (round.state !== t.from) throw new Conflict(`该轮次当前${ROUND_STATE_LABELS[round.state]}，不能${t.verb}`);
    return reply.view(
      'staff/round-confirm',
      { title: `${t.verb}轮次 ${round.code}`, nav: 'rounds', ...roundView(app, round), action, verb: t.verb, ...confirmText(app, action, round) },
      STAFF_LAYOUT,
    );
  });

  app.post(`/rounds/:code/${action}`, { schema: { params: RoundParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    requireManager(user);
    const round = roundInScope(app, user, request.params.code);
    try {
      // One transaction with the audit entry, then on close the results frozen off the event loop before the redirect
      // (features/rounds/round-lifecycle.ts). The conditional UPDATE inside it means two clicks cannot both pass the state check.
      await lifecycle.changeOffLoop(action, round.id, actorOf(request));
    } catch (err) {
      if (err instanceof RoundLinkTaken) throw new Conflict(err.message);
      if (!(err instanceof RoundStateError)) throw err;
      const current = app.repos.rounds.getById(round.id);
      throw new Conflict(`该轮次当前${ROUND_STATE_LABELS[current?.state ?? round.state]}，不能${t.verb}`);
    }
    return reply.redirect(`/rounds/${encodeURIComponent(round.code)}`, 303);
  });
}

export default roundRoutes;
