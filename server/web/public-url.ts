// The base of links printed for residents (link lists, QR posters, a grid's page). SAFEPOLL_PUBLIC_URL when set, else
// the public URL an administrator set on the links page (settings); otherwise the address the page was opened at, but only when it is one of this server's own: the Host header is
// whatever the client sends, and a poster must never point at `evil.example` (or carry a 2,400-character host that
// no QR code can hold). Anything else falls back to the configured listening address.
import { networkInterfaces } from 'node:os';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cameOverHttps } from './plugins/security-headers.js';

export interface PublicBase {
  /** e.g. https://poll.example.gov.cn or http://192.168.1.10:3000, without a trailing slash. */
  base: string;
  /** SAFEPOLL_PUBLIC_URL or the stored public URL is set: pages that print links need not warn. */
  configured: boolean;
}

const ANY_ADDRESS = new Set(['0.0.0.0', '::', '']);
const LONGEST_HOST = 260;

/** Host names this server answers to: the listening address, localhost, and when it listens on every address,
 * the machine's own interface addresses. Lower-case, IPv6 without brackets. */
function allowedHostnames(listenHost: string): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1', listenHost.toLowerCase()]);
  if (ANY_ADDRESS.has(listenHost)) {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) names.add(a.address.toLowerCase());
    }
  }
  return names;
}

/** Splits `host[:port]` (IPv6 in brackets); undefined when it is not a plain host and port. */
function splitHost(hostHeader: string): { hostname: string; port: number | undefined } | undefined {
  if (hostHeader.length === 0 || hostHeader.length > LONGEST_HOST) return undefined;
  const m = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+))(?::(\d{1,5}))?$/i.exec(hostHeader);
  if (!m) return undefined;
  return { hostname: (m[1] ?? m[2]).toLowerCase(), port: m[3] === undefined ? undefined : Number(m[3]) };
}

function hostForUrl(hostname: string): string {
  return hostname.includes(':') ? `[${hostname}]` : hostname;
}

/** The first outside address of this machine, for a server listening on every address. */
function machineAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return 'localhost';
}

export function publicBaseOf(app: FastifyInstance, request: FastifyRequest): PublicBase {
  const { host, port } = app.config;
  // The environment wins over what an administrator set on the links page: it is what the operator deployed.
  const publicUrl = app.config.publicUrl ?? app.repos.settings.storedPublicUrl();
  if (publicUrl) return { base: publicUrl.replace(/\/+$/, ''), configured: true };
  const scheme = cameOverHttps(request) ? 'https' : 'http';
  const asked = splitHost(request.host);
  const defaultPort = scheme === 'https' ? 443 : 80;
  // Without a port the browser used the scheme's default, which reached us only through a proxy mapping it to ours.
  const portPart = port === defaultPort ? '' : `:${port}`;
  if (asked && allowedHostnames(host).has(asked.hostname) && (asked.port ?? defaultPort) === port) {
    return { base: `${scheme}://${hostForUrl(asked.hostname)}${portPart}`, configured: false };
  }
  const listening = ANY_ADDRESS.has(host) ? machineAddress() : host;
  return { base: `${scheme}://${hostForUrl(listening)}${portPart}`, configured: false };
}
