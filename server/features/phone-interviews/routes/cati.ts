// The phone-interview workstation (电话访问, CATI): pick a round, take the next number of one's grids, see progress.
// The call screen itself is cati-call.ts; the rules are the domain's (features/phone-interviews/core/*), the writes the CATI service's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isCallOutcome, OUTCOME_LABELS } from '../core/outcomes.js';
import { retryRulesRefusal, RETRY_LIMITS } from '../core/next-number.js';
import { CatiService } from '../cati.js';
import { refusalError } from '../../../web/refusals.js';
import { intakeRefusal } from '../../responses/core/intake.js';
import { BadRequest } from '../../../web/errors.js';
import { CatiRoundParams, CatiRoundQuery, CatiRulesBody } from '../schemas.js';
import { CsrfOnlyBody } from '../../../web/staff/schemas.js';
import { STAFF_LAYOUT, roundGridsInScope, roundInScope, staffUser } from '../../../web/staff/context.js';
import { interviewerRows, ownProgress, phoneRounds, roundLine, seesInterviewers } from './cati-view.js';
import catiCallRoutes from './cati-call.js';
import { allow } from '../../../web/permissions.js';
import { can } from '../../../core/auth/permissions.js';

const catiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const cati = new CatiService(app.db, app.repos);

  app.get('/cati', { schema: { hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const rounds = phoneRounds(app, user).map(roundLine);
    return reply.view('staff/cati', { title: '电话访问', nav: 'cati', rounds }, STAFF_LAYOUT);
  });

  app.get('/cati/:code', { schema: { params: CatiRoundParams, querystring: CatiRoundQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const now = new Date();
    const held = app.repos.cati.heldBy(round.id, user.id, now);
    return reply.view(
      'staff/cati-round',
      {
        title: `电话访问 ${round.code}`,
        nav: 'cati',
        round: roundLine(round),
        refusal: intakeRefusal(round, 'phone')?.message,
        held,
        progress: ownProgress(app, user, round, now),
        interviewers: seesInterviewers(user) ? interviewerRows(app, user, round, now) : undefined,
        rules: app.repos.cati.rules(round.id),
        limits: RETRY_LIMITS,
        canSetRules: can(user, 'round.manage').allowed,
        empty: request.query.empty !== undefined,
        recorded: recordedLabel(request.query.recorded),
      },
      STAFF_LAYOUT,
    );
  });

  // 下一个号码: the number the user already holds, or a new one drawn for them; back to the round page when none.
  app.post('/cati/:code/next', { schema: { params: CatiRoundParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const drawn = cati.nextNumber(round, user, app.repos.rounds.gridIds(round), roundGridsInScope(app, user, round), new Date());
    if (drawn.kind === 'refused') throw refusalError(drawn.refusal);
    const base = `/cati/${encodeURIComponent(round.code)}`;
    return reply.redirect(drawn.kind === 'drawn' ? `${base}/calls/${drawn.contactId}` : `${base}?empty=1`, 303);
  });

  app.post('/cati/:code/rules', { schema: { params: CatiRoundParams, body: CatiRulesBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    allow(user, 'round.manage');
    const round = roundInScope(app, user, request.params.code);
    const rules = { maxAttempts: Number(request.body.max_attempts), retryMinutes: Number(request.body.retry_minutes) };
    const refusal = retryRulesRefusal(rules);
    if (refusal) throw new BadRequest(refusal);
    app.repos.cati.setRules(round, rules, user.id);
    return reply.redirect(`/cati/${encodeURIComponent(round.code)}`, 303);
  });

  await app.register(catiCallRoutes, { cati });
};

/** The label of the outcome just recorded (the redirect after an outcome says which). */
function recordedLabel(value: string | undefined): string | undefined {
  return value !== undefined && isCallOutcome(value) ? OUTCOME_LABELS[value] : undefined;
}

export default catiRoutes;
