// Helmet's security headers (CSP and the rest) on every reply, 404s and error pages included. The middleware is
// built once here, in two variants: @fastify/helmet builds it anew for every request, parsing the CSP each time,
// which cost the resident form page a sixth of its time.
//
// `upgrade-insecure-requests` and HSTS go only on replies to requests that came over HTTPS (directly, or through a
// trusted proxy's X-Forwarded-Proto), or everywhere when SAFEPOLL_HTTPS=1 says the site is only reached over HTTPS.
// On plain http://SERVER-ADDRESS:3000 they would make the browser post the form to https://, where nothing listens.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { DRAFT_SCRIPT_CSP } from '../../features/resident-form/draft-script.js';

const DIRECTIVES = {
  defaultSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  // The resident form's optional draft script, inline, allowed by its hash alone (no 'unsafe-inline').
  scriptSrc: ["'self'", DRAFT_SCRIPT_CSP],
  formAction: ["'self'"],
};

// Residents open links from inside WeChat; the default cross-origin policies get in the way of nothing here.
const overHttps = helmet({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: { directives: DIRECTIVES } });
const overHttp = helmet({
  crossOriginEmbedderPolicy: false,
  contentSecurityPolicy: { directives: { ...DIRECTIVES, upgradeInsecureRequests: null } },
  strictTransportSecurity: false,
});

type Headers = Readonly<Record<string, string>>;

/**
 * The headers a helmet middleware sets, found by running it once against a stand-in response: they depend on
 * nothing in the request (no nonce; the draft script is allowed by its hash). Setting them from this list instead of
 * running helmet's dozen middlewares for every request saved about 2% of a durable submission's time (bench/form.ts).
 */
function headersOf(middleware: typeof overHttp): Headers {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  // helmet only sets and removes headers on the response; it reads nothing from the request.
  middleware({} as Parameters<typeof middleware>[0], response as unknown as Parameters<typeof middleware>[1], (err?: unknown) => {
    failed = err;
  });
  if (failed !== undefined) throw failed instanceof Error ? failed : new Error(String(failed));
  return Object.freeze(headers);
}

const HTTPS_HEADERS = headersOf(overHttps);
const HTTP_HEADERS = headersOf(overHttp);

/** Whether this request reached SafePoll over HTTPS, as far as the server may trust what it is told. */
export function cameOverHttps(request: FastifyRequest): boolean {
  return request.server.config.https || request.protocol === 'https';
}

/** Sets the headers for this request on the reply. */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(cameOverHttps(request) ? HTTPS_HEADERS : HTTP_HEADERS);
}

export default fp(
  async (app) => {
    app.addHook('onRequest', (request, reply, done) => {
      setSecurityHeaders(request, reply);
      done();
    });
  },
  { name: 'safepoll-security-headers', dependencies: ['safepoll-storage'] },
);
