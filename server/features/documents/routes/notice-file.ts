// The Word file of a bulletin or half-year summary, ready to be built with any mark: the same content, view and Word
// builder as the page's download (features/bulletin/routes/bulletin-docx.ts), so an issued notice says what its
// preview said.
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import type { DocumentMark } from '../core/official-notice.js';
import type { DocumentKind } from '../documents-repo.js';
import { RoundNotFound } from '../../../web/errors.js';
import { bulletinForecast } from '../../bulletin/bulletin-service.js';
import { loadBulletin, loadSummary } from '../../bulletin/routes/bulletin-load.js';
import { buildOffLoop } from '../../../platform/build-pool.js';

export interface PreparedNotice {
  title: string;
  build: (mark: DocumentMark) => Promise<Buffer>;
}

/** The round's bulletin of the unit, or the half-year summary ending with the round, as the user sees it. */
export async function prepareNotice(app: FastifyInstance, user: StaffUser, round: Round, unitCode: string, kind: DocumentKind): Promise<PreparedNotice> {
  if (kind === 'bulletin') {
    const { unit, content, view } = await loadBulletin(app, user, round.code, unitCode);
    const forecast = bulletinForecast(app.repos, user, round, unit);
    return { title: view.title, build: (mark) => buildOffLoop({ kind: 'bulletin-docx', content, view, mark, forecast }) };
  }
  const loaded = await loadSummary(app, user, { survey: round.surveyKey, end: round.period, unit: unitCode });
  if (!loaded) throw new RoundNotFound(round.period);
  return { title: loaded.view.title, build: (mark) => buildOffLoop({ kind: 'summary-docx', view: loaded.view, level: loaded.unit.level, mark }) };
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
