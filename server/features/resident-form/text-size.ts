// The A+ larger-text switch, without JavaScript: A+ / 标准字 are submit buttons of the form (size=big / normal), so the
// form comes back in the new size with everything typed kept; a link with ?size=big works too. The choice is kept in
// a cookie for the pages that follow, and the page's <html> gets class "big",
// which scales every rem. The class is a hole of the cached page (page-cache.ts), so both sizes share one render.
import type { FastifyReply, FastifyRequest } from 'fastify';

export const TEXT_SIZE_COOKIE = 'sp_size';

const YEAR_SECONDS = 365 * 24 * 3600;

/** The class for <html>: "big" or "". A `size` in the query wins and is remembered; otherwise the cookie says. */
export function textSizeOf(request: FastifyRequest, reply: FastifyReply, asked?: string): string {
  if (asked === 'big') {
    reply.setCookie(TEXT_SIZE_COOKIE, 'big', { path: '/g/', maxAge: YEAR_SECONDS, httpOnly: true, sameSite: 'lax' });
    return 'big';
  }
  if (asked === 'normal') {
    reply.clearCookie(TEXT_SIZE_COOKIE, { path: '/g/' });
    return '';
  }
  return request.cookies[TEXT_SIZE_COOKIE] === 'big' ? 'big' : '';
}
