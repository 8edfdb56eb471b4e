// Credentials of the JSON API (docs/rules.md#json-api). A request carries `Authorization: Bearer <token>` (a token an
// administrator issued on /admin/tokens) or a staff session cookie; either gives it `request.apiPrincipal`, a scope
// in the unit tree. Routes opt in through their options: `onRequest: app.requireApiCredential` (401 without one) or
// `app.acceptApiCredential` (anonymous allowed), and a preHandler calling `app.assertApiUnitScope` (403 outside the
// scope). The resident questionnaire uses neither and stays public.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  looksLikeToken, scopeCovers, scopeCoversAll, shouldRecordUse, staffScope, tokenScope, type ApiPrincipal,
} from '../../features/accounts/core/api-token.js';
import { ApiCredentialInvalid, ApiCredentialMissing, ApiOutOfScope, ApiRoundOutOfScope } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who calls the API and within which scope; null when no credential was given (or not asked for). */
    apiPrincipal: ApiPrincipal | null;
  }
  interface FastifyInstance {
    /** onRequest hook: a valid bearer token or a staff session, else 401. */
    requireApiCredential(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** onRequest hook: reads a credential when one is given (a bad token is still 401); none leaves it anonymous. */
    acceptApiCredential(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** 403 when the unit exists and lies outside the caller's scope; an unknown code is left to the route's 404. */
    assertApiUnitScope(request: FastifyRequest, unitCode: string): void;
    /** 403 unless the caller's scope covers every unit of the round (for replies that default to its top unit). */
    assertApiRoundScope(request: FastifyRequest, roundCode: string): void;
  }
}

const BEARER = /^Bearer +(\S+) *$/i;

function challenge(reply: FastifyReply, error: Error): Error {
  reply.header('www-authenticate', 'Bearer realm="safepoll"');
  return error;
}

export default fp(
  async (app) => {
    app.decorateRequest('apiPrincipal', null);

    function tokenPrincipal(request: FastifyRequest, reply: FastifyReply, header: string): ApiPrincipal {
      const secret = BEARER.exec(header)?.[1];
      const token = secret !== undefined && looksLikeToken(secret) ? app.repos.apiTokens.findActive(secret) : undefined;
      if (!token) throw challenge(reply, new ApiCredentialInvalid());
      const now = new Date();
      if (shouldRecordUse(token.lastUsedAt, now)) {
        // Last use is for the administrator's list only: a busy database must not fail the call.
        try {
          app.repos.apiTokens.recordUse(token.id, now);
        } catch (err) {
          request.log.warn({ err, tokenId: token.id }, 'could not record api token use');
        }
      }
      return { kind: 'token', tokenId: token.id, name: token.name, scope: tokenScope(token) };
    }

    /** A bearer header wins over a session cookie, so a system's call never runs with a browser's rights. */
    function principalOf(request: FastifyRequest, reply: FastifyReply): ApiPrincipal | null {
      const header = request.headers.authorization;
      if (header !== undefined) return tokenPrincipal(request, reply, header);
      if (request.user) return { kind: 'staff', user: request.user, scope: staffScope(request.user) };
      return null;
    }

    app.decorate('acceptApiCredential', async function acceptApiCredential(request: FastifyRequest, reply: FastifyReply) {
      request.apiPrincipal = principalOf(request, reply);
    });

    app.decorate('requireApiCredential', async function requireApiCredential(request: FastifyRequest, reply: FastifyReply) {
      request.apiPrincipal = principalOf(request, reply);
      if (!request.apiPrincipal) throw challenge(reply, new ApiCredentialMissing());
    });

    function principal(request: FastifyRequest): ApiPrincipal {
      if (!request.apiPrincipal) throw new ApiCredentialMissing();
      return request.apiPrincipal;
    }

    app.decorate('assertApiUnitScope', function assertApiUnitScope(request: FastifyRequest, unitCode: string) {
      const scope = principal(request).scope;
      const unit = app.repos.units.getByCode(unitCode);
      if (unit && !scopeCovers(scope, unit.id, app.repos.units)) throw new ApiOutOfScope(unitCode);
    });

    app.decorate('assertApiRoundScope', function assertApiRoundScope(request: FastifyRequest, roundCode: string) {
      const scope = principal(request).scope;
      const round = app.repos.rounds.getByCode(roundCode);
      if (round && !scopeCoversAll(scope, round.unitIds, app.repos.units)) {
        throw new ApiRoundOutOfScope();
      }
    });
  },
  { name: 'safepoll-api-auth', dependencies: ['safepoll-storage', 'safepoll-auth'] },
);
