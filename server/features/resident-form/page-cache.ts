// What a resident link shows before anything is typed — the blank form, the thank-you pages, "already received" —
// depends only on the grid, its open round and the round's questionnaire. So each grid's context is looked up once
// and each of its pages rendered once, then reused until the poll's setup changes (a round opened or closed, units
// imported, questionnaires reloaded: see setup-watch.ts), which the next request notices before using the cache.
// Per-request values (the one-time submission key, the invite token) fill holes left in the rendered page.
import type { FastifyReply } from 'fastify';
import type { Repos } from '../../platform/repos.js';
import type { SetupStamp, SetupWatch } from '../../platform/setup-watch.js';
import { residentContext, type ResidentContext } from './context.js';
import { formView, pageHeader } from './form-model.js';
import { hole, PageWithHoles } from './page-holes.js';
import { CompressedPage } from './compressed-page.js';
import { chooseCoding } from '../../web/content-coding.js';

export type ResidentPage = 'form' | 'invitedForm' | 'thanks' | 'thanksReply' | 'screenedOut' | 'already';

/** Said only to a resident who left a number with a suggestion (the questionnaire's own thanks promise nothing). */
export const REPLY_PROMISE = '您留下了联系电话，我们会尽快跟进回复。';

type Render = (view: string, data: object) => Promise<string>;

/** The view and its data for each page, with holes where the per-request values go. */
function pageView(name: ResidentPage, ctx: ResidentContext): [string, object] {
  const blank = { answers: {}, errors: [], revealed: [], submissionKey: hole('submissionKey'), textSize: hole('textSize') };
  const survey = ctx.version.survey;
  switch (name) {
    case 'form':
      return ['resident/form', formView(ctx, blank)];
    case 'invitedForm':
      return ['resident/form', formView(ctx, { ...blank, invite: hole('invite') })];
    case 'thanks':
      return ['resident/thanks', { title: '提交成功', message: survey.thankYou, ...pageHeader(ctx) }];
    case 'thanksReply':
      return ['resident/thanks', { title: '提交成功', message: survey.thankYou, promise: REPLY_PROMISE, ...pageHeader(ctx) }];
    case 'screenedOut':
      return ['resident/screened-out', { title: '感谢您的配合', message: survey.screenOutMessage, ...pageHeader(ctx) }];
    case 'already':
      return ['resident/already', { title: '本设备本轮已提交', ...pageHeader(ctx) }];
  }
}

/** Holes that take one of a few values, never a per-request one: pages with only these are kept whole per value. */
const VARIANT_HOLES = ['textSize'];

/** A cached page and the values that fill its holes for this request. */
export interface ServedPage {
  page: CompressedPage;
  values?: Readonly<Record<string, string>>;
}

/**
 * Sends a cached page compressed the way the client accepts, from the bytes compressed when it was cached. A page
 * the cache does not keep in the accepted coding (brotli with holes) goes out plain for @fastify/compress to handle.
 */
export function sendCachedPage(reply: FastifyReply, served: ServedPage, status = 200): FastifyReply {
  const coding = chooseCoding(reply.request.headers['accept-encoding'], served.page.codings);
  // The bytes first: a page that cannot be filled fails before any header says how it is encoded.
  const bytes = served.page.bytes(coding, served.values);
  reply.code(status).type('text/html; charset=utf-8').header('vary', 'Accept-Encoding');
  if (coding) reply.header('content-encoding', coding);
  return reply.send(bytes);
}

/** One grid's context and its pages, as they were when `stamp` was taken. */
export class GridPages {
  private readonly rendered = new Map<ResidentPage, Promise<CompressedPage>>();

  constructor(
    readonly ctx: ResidentContext,
    readonly stamp: SetupStamp,
    private readonly render: Render,
  ) {}

  /** The page, to be sent with its holes filled (HTML-escaped) with `values`; rendered and compressed once. */
  async page(name: ResidentPage, values?: Readonly<Record<string, string>>): Promise<ServedPage> {
    let page = this.rendered.get(name);
    if (!page) {
      const [view, data] = pageView(name, this.ctx);
      page = this.render(view, data).then((html) => CompressedPage.of(PageWithHoles.fromHtml(html), VARIANT_HOLES));
      // A failed render is not kept: the next request tries again.
      page.catch(() => this.rendered.delete(name));
      this.rendered.set(name, page);
    }
    return { page: await page, values };
  }
}

/**
 * Grids kept at most, some 30 KB of pages each: a district has a few hundred grids; a province-wide server has more,
 * rarely all busy at once. When full, the grid cached longest ago is dropped.
 */
const MAX_GRIDS = 1000;

export class ResidentPages {
  private readonly grids = new Map<string, GridPages>();

  constructor(
    private readonly repos: Repos,
    private readonly watch: SetupWatch,
    private readonly render: Render,
  ) {}

  /** The grid behind a resident link; throws the named errors of residentContext (never cached). */
  forGrid(gridCode: string): GridPages {
    const cached = this.grids.get(gridCode);
    if (cached && this.watch.unchangedSince(cached.stamp)) return cached;
    this.grids.delete(gridCode);
    const stamp = this.watch.stamp();
    const grid = new GridPages(residentContext(this.repos, gridCode), stamp, this.render);
    if (this.grids.size >= MAX_GRIDS) {
      const oldest = this.grids.keys().next();
      if (!oldest.done) this.grids.delete(oldest.value);
    }
    this.grids.set(gridCode, grid);
    return grid;
  }
}
