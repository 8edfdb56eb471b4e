// The household codes of an invite-only round (入户邀请码): each grid's progress (issued, used) with its batches,
// generating a batch for a grid, its printable slips (four or eight to an A4 page, each with the grid's QR code and
// one code), and voiding a batch whose slips were lost. The committee's (round.manage); every change is audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Round } from '../../../core/rounds/round.js';
import type { Unit } from '../../../core/units/unit.js';
import { RoundParams } from '../../../web/staff/schemas.js';
import { STAFF_LAYOUT, actorOf, roundInScope, staffUser } from '../../../web/staff/context.js';
import { allow } from '../../../web/permissions.js';
import { Conflict, GridNotInRound } from '../../../web/errors.js';
import { BatchParams, GenerateBody, SlipsQuery } from '../schemas.js';
import { batchOfRound, codeProgress, generateCodes, isInviteOnly, slipCodes, voidCodes, type InviteBatch } from '../invites-service.js';
import { SLIPS_PER_PAGE, slipSheets, slipsPerPageOf } from '../core/household-code.js';
import { postersOf } from '../../posters/routes/poster-data.js';

const BatchMissing = (code: string) => new Conflict(`本轮没有编号为 ${code} 的邀请码批次`);

/** The round, for a committee member, refused unless it is invite-only. */
function inviteRound(app: FastifyInstance, request: FastifyRequest, code: string): Round {
  const user = staffUser(request);
  allow(user, 'round.manage');
  const round = roundInScope(app, user, code);
  if (!isInviteOnly(app.repos, round.id)) throw new Conflict('本轮是扫码/链接公开填答的轮次，不使用入户邀请码');
  return round;
}

function gridsOf(app: FastifyInstance, round: Round): Unit[] {
  return app.repos.rounds.gridIds(round).map((id) => app.repos.units.getById(id)).filter((u): u is Unit => u !== undefined);
}

function batchView(round: Round, batch: InviteBatch) {
  const base = `/rounds/${encodeURIComponent(round.code)}/invites/${batch.id}`;
  return {
    ...batch,
    voided: batch.voidedAt !== null,
    slips: SLIPS_PER_PAGE.map((n) => ({ label: `每页 ${n} 张`, href: `${base}/slips?per=${n}` })),
    voidAction: `${base}/void`,
  };
}

interface FormState {
  grid: string;
  count: string;
  error?: string;
}

function renderPage(app: FastifyInstance, reply: FastifyReply, round: Round, form: FormState, status = 200) {
  const grids = gridsOf(app, round);
  const byId = new Map(grids.map((g) => [g.id, g]));
  const rows = codeProgress(app.repos, round, grids.map((g) => g.id)).map((p) => ({
    ...p,
    grid: byId.get(p.gridId),
    rate: p.issued > 0 ? `${Math.round((100 * p.used) / p.issued)}%` : '—',
    batches: p.batches.map((b) => batchView(round, b)),
  }));
  const totals = rows.reduce((t, r) => ({ issued: t.issued + r.issued, used: t.used + r.used }), { issued: 0, used: 0 });
  const view = {
    title: `入户邀请码 ${round.code}`,
    nav: 'rounds',
    round,
    rows,
    totals,
    closed: round.state === 'closed',
    form,
    gridChoices: grids.map((g) => ({ code: g.code, name: g.name, households: g.households, selected: g.code === form.grid })),
    csrfToken: reply.generateCsrf(),
  };
  return reply.code(status).view('staff/invites', view, STAFF_LAYOUT);
}

const inviteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/rounds/:code/invites', { schema: { params: RoundParams, hide: true } }, async (request, reply) => {
    const round = inviteRound(app, request, request.params.code);
    return renderPage(app, reply, round, { grid: '', count: '' });
  });

  app.post('/rounds/:code/invites', { schema: { params: RoundParams, body: GenerateBody, hide: true } }, async (request, reply) => {
    const round = inviteRound(app, request, request.params.code);
    const form: FormState = { grid: request.body.grid ?? '', count: request.body.count ?? '' };
    const grid = gridsOf(app, round).find((g) => g.code === form.grid);
    if (!grid) return renderPage(app, reply, round, { ...form, error: '请选择本轮的一个网格' }, 422);
    const generated = generateCodes(app.repos, round, grid, form.count, actorOf(request));
    if (!generated.ok) return renderPage(app, reply, round, { ...form, error: generated.message }, 422);
    return reply.redirect(`/rounds/${encodeURIComponent(round.code)}/invites/${generated.batch.id}/slips`, 303);
  });

  app.get('/rounds/:code/invites/:batch/slips', { schema: { params: BatchParams, querystring: SlipsQuery, hide: true } }, async (request, reply) => {
    const round = inviteRound(app, request, request.params.code);
    const batch = batchOfRound(app.repos, round, Number(request.params.batch));
    if (!batch) throw BatchMissing(request.params.batch);
    const grid = app.repos.units.getById(batch.gridId);
    if (!grid) throw new GridNotInRound(String(batch.gridId));
    const per = slipsPerPageOf(request.query.per);
    const { posters } = await postersOf(app, request, staffUser(request), round, [grid]);
    const card = posters[0];
    // A voided batch prints nothing: its codes answer no more, and a slip handed out would only disappoint.
    const slips = batch.voidedAt === null ? slipCodes(app.repos, batch).map((code, i) => ({ code, number: i + 1 })) : [];
    const base = `/rounds/${encodeURIComponent(round.code)}/invites/${batch.id}/slips`;
    return reply.view('staff/invite-slips', {
      title: `${grid.name} 入户邀请单`,
      nav: 'rounds',
      bodyClass: 'print-poster',
      round,
      grid,
      batch: batchView(round, batch),
      card,
      per,
      perChoices: SLIPS_PER_PAGE.map((n) => ({ label: `${n} 张`, href: `${base}?per=${n}`, current: n === per })),
      sheets: slipSheets(slips, per),
    }, STAFF_LAYOUT);
  });

  app.post('/rounds/:code/invites/:batch/void', { schema: { params: BatchParams, hide: true } }, async (request, reply) => {
    const round = inviteRound(app, request, request.params.code);
    const batch = batchOfRound(app.repos, round, Number(request.params.batch));
    if (!batch) throw BatchMissing(request.params.batch);
    const grid = app.repos.units.getById(batch.gridId);
    if (!voidCodes(app.repos, round, batch, grid?.code ?? String(batch.gridId), actorOf(request))) {
      throw new Conflict('该批邀请码已经作废');
    }
    return reply.redirect(`/rounds/${encodeURIComponent(round.code)}/invites`, 303);
  });
};

export default inviteRoutes;
