// Helmet's security headers (CSP and the rest) on every reply, 404s and error pages included. The middleware is
// built once here: @fastify/helmet builds it anew for every request, parsing the CSP each time, which cost the
// resident form page a sixth of its time.
import fp from 'fastify-plugin';
import helmet from 'helmet';

export const setSecurityHeaders = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      scriptSrc: ["'self'"],
      formAction: ["'self'"],
    },
  },
  // Residents open links from inside WeChat; the default cross-origin policies get in the way of nothing here.
  crossOriginEmbedderPolicy: false,
});

export default fp(
  async (app) => {
    app.addHook('onRequest', (request, reply, done) => {
      setSecurityHeaders(request.raw, reply.raw, (err?: unknown) => {
        done(err === undefined || err instanceof Error ? err : new Error(String(err)));
      });
    });
  },
  { name: 'safepoll-security-headers' },
);
