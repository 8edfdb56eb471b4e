// The one error handler: 4xx carry a clear Chinese message, 5xx are logged with the request id and shown generically.
// The router's own errors (a malformed %-escape or an overlong segment in the path) come through `frameworkErrors`,
// which app.ts hands to Fastify, so they too are a Chinese page on resident links and JSON under /api.
import { STATUS_CODES } from 'node:http';
import fp from 'fastify-plugin';
import { setSecurityHeaders } from './security-headers.js';
import { residentHelpFor } from '../errors.js';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Who reads an error: a program (JSON), a resident on a link from a poster, or staff (pages inside the staff layout). */
type Audience = 'api' | 'resident' | 'staff';

function audienceOf(request: FastifyRequest): Audience {
  if (request.url.startsWith('/api/')) return 'api';
  if (request.url.startsWith('/g/') || request.url === '/g') return 'resident';
  return 'staff';
}

/** What a failed schema keyword means, for the message (ajv's own words are English). */
const VALIDATION_WORDS: Record<string, string> = {
  type: '类型不对',
  required: '缺少必填项',
  maxLength: '过长',
  minLength: '过短',
  pattern: '格式不对',
  format: '格式不对',
  enum: '取值无效',
  const: '取值无效',
  minimum: '数值过小',
  maximum: '数值过大',
  safeInteger: '须为整数',
  maxItems: '项数过多',
  minItems: '项数过少',
  maxProperties: '字段过多',
  additionalProperties: '含有不认识的字段',
};

/** Fastify's own 4xx (schema validation, body too large, bad content type) speak English; say it in Chinese. */
function messageFor(err: FastifyError, status: number): string {
  if (err.code?.startsWith('SP_')) return err.message;
  if (err.validation) {
    const first = err.validation[0];
    const where = `${err.validationContext ?? 'body'}${first?.instancePath ?? ''}`;
    const what = (first && VALIDATION_WORDS[first.keyword]) ?? '不符合要求';
    const field = first?.keyword === 'required' && typeof first.params.missingProperty === 'string' ? ` ${first.params.missingProperty}` : '';
    return `请求内容不符合要求（${where}${field}：${what}）`;
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return '提交的内容过大';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return '不支持的提交格式';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return '提交的内容格式有误';
    case 'FST_ERR_BAD_URL':
      return '链接地址有误，请检查后重新打开';
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return '链接地址过长，请检查后重新打开';
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return '页面已过期，请刷新后重试';
    default:
      break;
  }
  if (status === 404) return '找不到该页面';
  if (status === 429) return '请求过于频繁，请稍后再试';
  return '请求有误';
}

/**
 * The anti-forgery token for the layout's logout button: set for staff GET pages (staff/index.ts), or made here for an
 * error raised before that (the csrf plugin lives in the staff scope; a 404 outside it has no way to make one, and
 * its page shows no logout button).
 */
/** A refused anti-forgery token means a stale page, not a missing permission: the scope hint would mislead. */
function isStaleForm(code: string | undefined): boolean {
  return code === 'FST_CSRF_INVALID_TOKEN' || code === 'FST_CSRF_MISSING_SECRET';
}

function csrfTokenOf(reply: FastifyReply): string | undefined {
  const token = reply.locals?.csrfToken;
  if (typeof token === 'string') return token;
  return typeof reply.generateCsrf === 'function' ? reply.generateCsrf() : undefined;
}

async function sendError(request: FastifyRequest, reply: FastifyReply, status: number, message: string, code?: string) {
  reply.code(status);
  const audience = audienceOf(request);
  if (audience === 'api') {
    return reply.send({ statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, requestId: request.id });
  }
  // Rendered through the instance, not reply.view: the router's errors come with a reply that has no decorators.
  const page = { title: status >= 500 ? '系统出错' : '出错了', status, message, requestId: request.id };
  const html = audience === 'staff'
    ? await request.server.view('staff/error', { ...page, user: request.user ?? null, csrfToken: csrfTokenOf(reply), scopeHint: status === 403 && !isStaleForm(code) }, { layout: 'layouts/staff' })
    : await request.server.view('error', { ...page, help: residentHelpFor(code, status) });
  return reply.type('text/html; charset=utf-8').send(html);
}

function statusOf(err: FastifyError): number {
  return err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
}

/** Fastify's `frameworkErrors` option: errors raised by the router before any route or error handler runs. */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = statusOf(err);
  // No onRequest hook ran for these: give the page the headers every other reply carries.
  setSecurityHeaders(request, reply);
  reply.header('cache-control', 'no-store');
  sendError(request, reply, status, messageFor(err, status), err.code).catch((renderError: unknown) => {
    request.log.error({ err: renderError, reqId: request.id }, 'error page failed');
    reply.code(500).type('text/plain; charset=utf-8').send('系统暂时出错，请稍后再试');
  });
}

export default fp(
  async (app) => {
    app.setErrorHandler(async (err: FastifyError, request, reply) => {
      const status = statusOf(err);
      // A named 503 (a file that could not be built in time, platform/build-pool.ts) says what happened and when to retry.
      if (status === 503 && err.code?.startsWith('SP_')) {
        request.log.error({ err, reqId: request.id }, 'request not served');
        reply.header('retry-after', '30');
        return sendError(request, reply, status, `${err.message}。如需求助，请提供编号 ${request.id}`, err.code);
      }
      if (status >= 500) {
        request.log.error({ err, reqId: request.id }, 'request failed');
        return sendError(request, reply, status, `系统暂时出错，请稍后再试。如需求助，请提供编号 ${request.id}`);
      }
      request.log.info({ code: err.code, status }, 'request rejected');
      return sendError(request, reply, status, messageFor(err, status), err.code);
    });
    app.setNotFoundHandler(async (request, reply) => sendError(request, reply, 404, '找不到该页面'));
  },
  { name: 'safepoll-errors', dependencies: ['safepoll-views'] },
);
