// A reply that downloads as a file: its name in ASCII for old clients and in UTF-8 (RFC 5987) for the rest, never cached.
import type { FastifyReply } from 'fastify';

export function attachment(reply: FastifyReply, filename: string, type: string): FastifyReply {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'private, no-store');
}
