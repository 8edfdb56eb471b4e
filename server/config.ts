// One validated configuration, read from the environment, with defaults that work out of the box.
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { join } from 'node:path';
import { paths } from './paths.js';

export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  host: Type.String({ minLength: 1, default: '127.0.0.1' }),
  databasePath: Type.String({ minLength: 1, default: join(paths.data, 'safepoll.db') }),
  /** Seed the demo district and six months of simulated polls when the database is new. */
  seedDemo: Type.Boolean({ default: true }),
  /** Server secret for cookies, device tokens and keyed hashes; generated and kept in the database when unset. */
  secret: Type.Optional(Type.String({ minLength: 32 })),
  /** The roster's own secret: phone numbers are encrypted and hashed with keys derived from it instead of from
   * `secret`, so the roster can be keyed (and kept) apart from cookies and free text. */
  rosterKey: Type.Optional(Type.String({ minLength: 32 })),
  logLevel: Type.Union(
    [Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug'), Type.Literal('silent')],
    { default: 'info' },
  ),
  /** Number of reverse proxies (nginx) in front of SafePoll whose X-Forwarded-For/-Proto entries are trusted: the
   * client address is the one the outermost trusted proxy saw, counted from the right — never the left-most entry,
   * which the client writes itself. 0 (default): no proxy, headers ignored. */
  trustProxy: Type.Integer({ minimum: 0, maximum: 10, default: 0 }),
  /** The site is reached over HTTPS only (a TLS proxy that does not send X-Forwarded-Proto): send HSTS and
   * upgrade-insecure-requests on every reply. Off by default, so plain http on a network address works. */
  https: Type.Boolean({ default: false }),
  /** Public base URL used in printed links and QR posters, e.g. https://safepoll.example.gov.cn */
  publicUrl: Type.Optional(Type.String({ minLength: 1 })),
});
export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Builds the config from environment variables; throws ConfigError naming the variable that is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  const intOf = (name: string, v: string) => {
    if (!/^\d+$/.test(v)) throw new ConfigError(`${name} must be a whole number, got "${v}"`);
    return Number(v);
  };
  const flagOf = (name: string, v: string) => {
    if (!['0', '1', 'true', 'false'].includes(v)) throw new ConfigError(`${name} must be 1 or 0, got "${v}"`);
    return v === '1' || v === 'true';
  };
  if (env.PORT !== undefined && env.PORT !== '') raw.port = intOf('PORT', env.PORT);
  if (env.HOST) raw.host = env.HOST;
  if (env.SAFEPOLL_DB) raw.databasePath = env.SAFEPOLL_DB;
  if (env.SAFEPOLL_SEED_DEMO) raw.seedDemo = flagOf('SAFEPOLL_SEED_DEMO', env.SAFEPOLL_SEED_DEMO);
  if (env.SAFEPOLL_TRUST_PROXY) raw.trustProxy = intOf('SAFEPOLL_TRUST_PROXY', env.SAFEPOLL_TRUST_PROXY);
  if (env.SAFEPOLL_HTTPS) raw.https = flagOf('SAFEPOLL_HTTPS', env.SAFEPOLL_HTTPS);
  if (env.SAFEPOLL_SECRET) raw.secret = env.SAFEPOLL_SECRET;
  if (env.SAFEPOLL_ROSTER_KEY) raw.rosterKey = env.SAFEPOLL_ROSTER_KEY;
  if (env.LOG_LEVEL) raw.logLevel = env.LOG_LEVEL;
  if (env.SAFEPOLL_PUBLIC_URL) raw.publicUrl = env.SAFEPOLL_PUBLIC_URL.replace(/\/+$/, '');
  const config = Value.Default(ConfigSchema, raw);
  const errors = [...Value.Errors(ConfigSchema, config)];
  if (errors.length > 0) {
    const e = errors[0];
    throw new ConfigError(`configuration ${e.path || '/'}: ${e.message}`);
  }
  return config as Config;
}

/**
 * Fastify's `trustProxy` for a number of hops. Fastify's own numeric setting trusts no header at all (it cannot check
 * the peer), so hops are counted here: X-Forwarded-For is read from the right, one entry per trusted proxy.
 */
export function trustProxyHops(hops: number): false | ((address: string, hop: number) => boolean) {
  return hops > 0 ? (_address, hop) => hop < hops : false;
}
