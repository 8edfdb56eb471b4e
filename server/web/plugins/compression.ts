// Pages, stylesheets and JSON go out in br or gzip when the client accepts it (@fastify/compress). Bodies under 1 KB
// gain nothing from it and are sent as they are. Only routes registered after this plugin are compressed. The resident
// form's cached pages come compressed already (features/resident-form/compressed-page.ts) and pass through.
import fp from 'fastify-plugin';
import compress from '@fastify/compress';

/** Smallest body worth compressing: below it the coding's own header and trailer eat the gain. */
export const COMPRESS_THRESHOLD = 1024;

export default fp(
  async (app) => {
    await app.register(compress, { global: true, threshold: COMPRESS_THRESHOLD, encodings: ['br', 'gzip'] });
    // @fastify/compress applies its threshold to strings and buffers only; a file from /static/ is a stream, compressed
    // whatever its size. Its length is known, so a small one is marked as not to compress (the plugin's own
    // x-no-compression switch), which runs before the plugin's route-level hook.
    app.addHook('onSend', (request, reply, payload, done) => {
      const length = Number(reply.getHeader('content-length'));
      if (payload !== null && typeof payload === 'object' && 'pipe' in payload && Number.isFinite(length) && length < COMPRESS_THRESHOLD) {
        request.headers['x-no-compression'] = '1';
      }
      done(null, payload);
    });
  },
  { name: 'safepoll-compression' },
);
