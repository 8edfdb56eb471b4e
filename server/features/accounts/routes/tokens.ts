// API tokens (administrators only): the list, issuing a token for a unit of the tree (its secret shown once, on the
// page that answers the form, never again) and revoking one. Every change is audited in the same transaction.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../core/auth/staff.js';
import { checkTokenName, TOKEN_NAME_MAX, type ApiToken } from '../core/api-token.js';
import { buildUnitTree, type UnitNode } from '../../../core/units/tree-summary.js';
import { LEVEL_LABELS } from '../../../core/units/unit.js';
import { ApiTokenNotFound, Conflict } from '../../../web/errors.js';
import { CsrfOnlyBody } from '../../../web/staff/schemas.js';
import { NewTokenBody, TokenParams } from '../token-schemas.js';
import { STAFF_LAYOUT, actorOf, staffUser } from '../../../web/staff/context.js';
import { writeTransaction } from '../../../platform/write-transaction.js';
import { allow } from '../../../web/permissions.js';

function requireAdmin(user: StaffUser): void {
  allow(user, 'token.manage');
}

/** Every unit in tree order, indented by depth, for the scope select. */
function unitChoices(app: FastifyInstance, selected: string) {
  const choices: Array<{ code: string; label: string; selected: boolean }> = [];
  const walk = (nodes: UnitNode[], depth: number) => {
    for (const n of nodes) {
      const label = `${'　'.repeat(depth)}${n.unit.name}（${LEVEL_LABELS[n.unit.level]} ${n.unit.code}）`;
      choices.push({ code: n.unit.code, label, selected: n.unit.code === selected });
      walk(n.children, depth + 1);
    }
  };
  walk(buildUnitTree(app.repos.units.all(), app.repos.units.roots().map((u) => u.id)), 0);
  return choices;
}

function tokenRow(token: ApiToken) {
  return {
    token,
    scopeName: token.unitId === null ? '全区（所有单位）' : `${token.unitName ?? ''}（${token.unitCode ?? ''}）`,
    createdByName: token.createdByName ?? '—',
  };
}

interface PageState {
  values: { name: string; unit: string };
  nameError?: string;
  unitError?: string;
  issued?: { secret: string; name: string };
}

function tokensPage(app: FastifyInstance, state: PageState) {
  return {
    title: 'API 令牌',
    nav: 'tokens',
    tokens: app.repos.apiTokens.list().map(tokenRow),
    units: unitChoices(app, state.values.unit),
    nameMax: TOKEN_NAME_MAX,
    ...state,
  };
}

const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { apiTokens, audit } = app.repos;

  app.get('/admin/tokens', { schema: { hide: true } }, async (request, reply) => {
    requireAdmin(staffUser(request));
    return reply.view('staff/tokens', tokensPage(app, { values: { name: '', unit: '' } }), STAFF_LAYOUT);
  });

  app.post('/admin/tokens', { schema: { body: NewTokenBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    requireAdmin(user);
    const values = { name: request.body.name, unit: request.body.unit ?? '' };
    const checked = checkTokenName(values.name);
    const unit = values.unit === '' ? null : app.repos.units.getByCode(values.unit);
    if (!checked.ok || unit === undefined) {
      const state: PageState = {
        values,
        nameError: checked.ok ? undefined : checked.message,
        unitError: unit === undefined ? `找不到该单位：${values.unit}` : undefined,
      };
      return reply.code(422).view('staff/tokens', { ...tokensPage(app, state), user, csrfToken: reply.generateCsrf() }, STAFF_LAYOUT);
    }
    const issued = writeTransaction(app.db, () => {
      const made = apiTokens.issue({ name: checked.name, unitId: unit?.id ?? null, createdBy: user.id });
      audit.record(user.id, 'api-token.create', { token: made.token.id, name: made.token.name, unit: unit?.code ?? null }, actorOf(request).client);
      return made;
    });
    // The secret is on this page only: no copy in a cache, no way back to it.
    reply.header('cache-control', 'no-store');
    const state: PageState = { values: { name: '', unit: '' }, issued: { secret: issued.secret, name: issued.token.name } };
    return reply.code(201).view('staff/tokens', { ...tokensPage(app, state), user, csrfToken: reply.generateCsrf() }, STAFF_LAYOUT);
  });

  app.post('/admin/tokens/:id/revoke', { schema: { params: TokenParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    requireAdmin(user);
    const { id } = request.params;
    writeTransaction(app.db, () => {
      const token = apiTokens.getById(id);
      if (!token) throw new ApiTokenNotFound();
      if (!apiTokens.revoke(id)) throw new Conflict('该令牌已被吊销');
      audit.record(user.id, 'api-token.revoke', { token: id, name: token.name }, actorOf(request).client);
    });
    return reply.redirect('/admin/tokens', 303);
  });
};

export default tokenRoutes;
