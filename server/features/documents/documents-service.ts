// The documents' use-cases (发文): who issues what the committee sends out, and issuing a notice.
import type { Repos } from '../../platform/repos.js';
import type { Actor } from '../../core/auth/actor.js';
import type { DocumentKey, DocumentLabel, IssuedNotice } from './documents-repo.js';
import { chinaDate } from '../../core/time/china-time.js';
import { DEFAULT_ISSUER, documentMark, issuedFileName, noticeTitle, type DocumentMark } from './core/official-notice.js';

/** The issuing body as set at /admin/documents; undefined until it is set (a poster then leaves a blank to fill in). */
export function configuredIssuingBody(repos: Repos): string | undefined {
  return repos.documents.issuer()?.issuingBody;
}

/**
 * Who issues a document about a unit: the issuing body set on the documents page (the one the Word notices and
 * posters print), else the name of the unit's district with 平安办.
 */
export function issuingBodyOf(repos: Repos, unitId: number): string {
  const configured = configuredIssuingBody(repos)?.trim();
  if (configured) return configured;
  const district = [...repos.units.ancestors(unitId), repos.units.getById(unitId)].find((u) => u?.level === 'district');
  return `${district?.name ?? ''}平安办`;
}

/** What 发文 needs from the page that asks for it: which document, its title, how to build its Word file. */
export interface IssueRequest {
  key: DocumentKey;
  label: DocumentLabel;
  /** The document's own title (a correction adds （更正）: core/official-notice.ts noticeTitle). */
  title: string;
  /** The notice in force that this one corrects; null for the first issue. */
  correctsId: number | null;
  /** Builds the Word file with the given mark (the number and date it is issued with). */
  build: (mark: DocumentMark) => Promise<Buffer>;
  actor: Actor;
  issuedByName: string;
  now: Date;
}

/** How many times a file is built again when another 发文 took its number while it was being built. */
const BUILD_ATTEMPTS = 3;

/**
 * 发文 (docs/rules.md#issuing-notices): the year's next number and today's date, the file built once with them and
 * kept as issued. A document already issued (or a notice already corrected) is answered with that notice: a second
 * submit takes no number. The file is built outside the transaction (building is asynchronous); if the number was
 * taken meanwhile, the file is built again with the next one.
 */
export async function issueNotice(repos: Repos, request: IssueRequest): Promise<IssuedNotice> {
  const done = request.correctsId === null ? repos.documents.latest(request.key) : repos.documents.correctionOf(request.correctsId);
  if (done) return done;
  const corrected = request.correctsId === null ? undefined : repos.documents.byId(request.correctsId);
  const corrects = corrected ? { number: corrected.number, title: corrected.title } : undefined;
  const issuer = repos.documents.issuer() ?? DEFAULT_ISSUER;
  const issuedOn = chinaDate(request.now);
  const year = Number(issuedOn.slice(0, 4));
  const title = noticeTitle(request.title, corrects);
  for (let attempt = 0; attempt < BUILD_ATTEMPTS; attempt++) {
    const seq = repos.documents.nextSeq(year);
    const mark: DocumentMark = { ...documentMark(issuer, { year, seq, issuedOn }), ...(corrects ? { corrects } : {}) };
    const file = await request.build(mark);
    const outcome = repos.documents.record(
      { key: request.key, year, seq, number: mark.number, issuedOn, title, fileName: issuedFileName(title, mark.number), file, correctsId: request.correctsId, issuedByName: request.issuedByName },
      request.label,
      request.actor,
      request.now,
    );
    if (outcome.kind !== 'number-taken') return outcome.notice;
  }
  throw new Error(`the numbering of ${year} kept moving while a notice was built`);
}
