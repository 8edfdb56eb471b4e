// A resident form posted from another site: a page elsewhere can auto-submit a form to /g/<grid> with answers of its
// choosing. Shown back filled in (as a form whose key did not check out is), one tap by the resident would store the
// attacker's answers; and answering it with a new device cookie would replace the resident's own. Such a post is
// sent to the grid's blank form instead, with no answers echoed and no cookie set (docs/rules.md#cross-site-posts).
//
// What the browser says decides: Sec-Fetch-Site (every current browser, WeChat's included) names the site the post
// came from; without it, an Origin naming neither this request's host nor the configured public address (a proxy may
// pass the request on under another Host). "Origin: null" is not taken as foreign: a same-origin post
// carries it in older browsers when the page's referrer policy is no-referrer, and a resident must never lose what
// they typed to a header their browser chose.
import type { FastifyInstance, FastifyRequest } from 'fastify';

const OWN_SITE = new Set(['same-origin', 'none']);

function ownHosts(app: FastifyInstance, request: FastifyRequest): string[] {
  const hosts = [request.host.toLowerCase()];
  const publicUrl = app.config.publicUrl ?? app.repos.settings.storedPublicUrl();
  if (publicUrl) {
    try {
      hosts.push(new URL(publicUrl).host.toLowerCase());
    } catch {
      // A public URL that does not parse names no host; the request's own still counts.
    }
  }
  return hosts;
}

export function isForeignPost(app: FastifyInstance, request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return !OWN_SITE.has(site.toLowerCase());
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return false;
  try {
    return !ownHosts(app, request).includes(new URL(origin).host.toLowerCase());
  } catch {
    return true;
  }
}
