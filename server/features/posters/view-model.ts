// A grid's poster as residents read it (who issued it, the grid worker to call, until when, which address is
// genuine) and the sheets of a printed batch: one, two or four posters to an A4 page.
import type { Round } from '../../core/rounds/round.js';
import type { Unit } from '../../core/units/unit.js';
import type { GridWorker } from '../../core/units/grid-worker.js';
import { periodLabel } from '../../core/time/period.js';
import { linkDomain, periodClosingLabel } from './core/poster-rules.js';
import { linkQrSvg } from '../../outputs/images/qr.js';

export interface PosterSource {
  round: Round;
  grid: Unit;
  /** The grid's township and village, root first (the district is left out: residents know it). */
  ancestors: readonly Unit[];
  worker: GridWorker | undefined;
  issuingBody: string | undefined;
  /** The poll's name as the resident form heads it (core/survey/public-title.ts). */
  title: string;
  /** The public base every link starts with (public-url.ts). */
  base: string;
  /** The grid's resident link on that base. */
  link: string;
  /** An invite-only round (入户邀请码): the poster tells residents to have their household's slip at hand. */
  inviteOnly: boolean;
}

export interface PosterView {
  grid: Unit;
  title: string;
  place: string;
  period: string;
  closingDate: string | undefined;
  issuingBody: string | undefined;
  worker: GridWorker | undefined;
  domain: string;
  link: string;
  /** The link's length in characters: the poster sizes its font so that it fits on one line (posters.css). */
  linkChars: number;
  /** SVG drawn by qr.ts (shapes only), or undefined when the link is too long for a QR code. */
  qr: string | undefined;
  inviteOnly: boolean;
}

export async function posterView(source: PosterSource): Promise<PosterView> {
  const { round, grid, base, link } = source;
  // The poster names the grid with its village and township so that residents recognise it.
  const place = [...source.ancestors.filter((a) => a.level !== 'district'), grid].map((u) => u.name).join(' ');
  return {
    grid,
    title: source.title,
    place,
    period: periodLabel(round.period),
    closingDate: periodClosingLabel(round.period),
    issuingBody: source.issuingBody,
    worker: source.worker,
    domain: linkDomain(base),
    link,
    linkChars: [...link].length,
    qr: await linkQrSvg(link),
    inviteOnly: source.inviteOnly,
  };
}

export type PostersPerPage = 1 | 2 | 4;

export interface PosterSheet {
  posters: PosterView[];
  /** Every sheet but the last ends its A4 page (the browser adds no blank page after the last one). */
  last: boolean;
}

/** Splits posters into A4 sheets of `perPage`, in order. */
export function posterSheets(posters: readonly PosterView[], perPage: PostersPerPage): PosterSheet[] {
  const sheets: PosterSheet[] = [];
  for (let i = 0; i < posters.length; i += perPage) {
    sheets.push({ posters: posters.slice(i, i + perPage), last: i + perPage >= posters.length });
  }
  return sheets;
}
