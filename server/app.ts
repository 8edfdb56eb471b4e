// Builds the SafePoll application as a Fastify instance. server.ts listens; tests call buildApp and inject.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { trustProxyHops, type Config } from './config.js';
import type { Db } from './platform/db.js';
import { paths } from './paths.js';
import storage from './web/plugins/storage.js';
import responseWriter from './web/plugins/response-writer.js';
import securityHeaders from './web/plugins/security-headers.js';
import views from './web/plugins/views.js';
import favicon from './web/plugins/favicon.js';
import compression from './web/plugins/compression.js';
import errorHandler, { frameworkErrors } from './web/plugins/error-handler.js';
import { safeIntegerKeyword } from './web/integer-params.js';
import auth, { SESSION_COOKIE } from './web/plugins/auth.js';
import apiAuth from './web/plugins/api-auth.js';
import { BEARER_SCHEME, SESSION_SCHEME } from './features/responses/api-schemas.js';
import residentRoutes from './features/resident-form/routes.js';
import publicApiRoutes from './features/responses/routes/api.js';
import resultsApiRoutes from './features/results/routes/results-api.js';
import summaryApiRoutes from './features/bulletin/routes/summary-api.js';
// Interviewer quality as JSON (staff sessions only).
import { interviewerApiRoutes } from './features/interviewers/routes/interviewers.js';
// The sample planner's API (features/planning).
import planningApiRoutes from './features/planning/routes/planning-api.js';
import forecastApiRoutes from './features/forecast/routes/forecast-api.js';
import staffRoutes from './web/staff/index.js';

export interface BuildOptions {
  db: Db;
  config: Config;
  logger?: FastifyServerOptions['logger'];
}

/** Largest request body accepted: a questionnaire answer is a few KB; a CSV import goes through the CLI. */
export const BODY_LIMIT = 256 * 1024;

/**
 * Logger settings for the server: request lines carry the method and path only. Query strings (one-time invite
 * tokens) and bodies (answers, phone numbers) never reach the logs.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
    },
  };
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: trustProxyHops(opts.config.trustProxy),
    genReqId: () => Math.random().toString(36).slice(2, 10),
    frameworkErrors,
    // Numbers in query strings and paths must be finite integers (web/integer-params.ts).
    ajv: { plugins: [safeIntegerKeyword] },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(storage, { db: opts.db, config: opts.config });
  await app.register(responseWriter);
  await app.register(securityHeaders);
  // Before any route: only routes registered after it are compressed.
  await app.register(compression);
  await app.register(cookie, { secret: app.secret });
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  await app.register(rateLimit, { global: false });
  await app.register(fastifyStatic, { root: paths.publicAssets, prefix: '/static/', maxAge: '1d' });
  await app.register(favicon);
  await app.register(swagger, {
    openapi: {
      info: { title: 'SafePoll 平安民调 API', version: '1.0.0', description: 'Questionnaires, responses and results of SafePoll.' },
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            description: '系统管理员在“API 令牌”页面（/admin/tokens）签发的令牌，限定于某个单位及其下级',
          },
          [SESSION_SCHEME]: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: '工作人员登录后的会话，范围与其账号相同',
          },
        },
      },
    },
  });
  await app.register(views);
  await app.register(errorHandler);
  await app.register(auth);
  await app.register(apiAuth);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // The resident form is public; the JSON API asks for a token or a staff session route by route (api-auth.ts).
  await app.register(residentRoutes);
  await app.register(publicApiRoutes, { prefix: '/api' });
  for (const routes of [resultsApiRoutes, planningApiRoutes, interviewerApiRoutes]) await app.register(routes, { prefix: '/api' });
  await app.register(forecastApiRoutes, { prefix: '/api' });
  // The half-year summary as data (features/bulletin/routes/summary-api.ts).
  await app.register(summaryApiRoutes, { prefix: '/api' });
  // Staff pages: everything in here requires a login (see staff/index.ts).
  await app.register(staffRoutes);

  return app;
}
