// The files built from plain data — the Word notices, the bulletin workbook, a PNG drawn from an SVG — named as jobs,
// so that one function builds them on whichever thread it runs: in the build worker (platform/build-worker.ts) for
// the server, in the caller's thread for scripts and for the tests that compare both. Every input is data a worker
// message carries unchanged (structured clone: strings, numbers, arrays, plain objects, Dates), so the bytes built
// off the main thread are the bytes built on it — an issued notice is stored byte for byte.
import type { BulletinContent } from '../features/bulletin/core/content-types.js';
import type { BulletinView } from '../features/bulletin/view-models/bulletin.js';
import type { SummaryView } from '../features/bulletin/view-models/summary.js';
import type { DocumentMark } from '../features/documents/core/official-notice.js';
import type { ForecastSectionView } from '../features/forecast/view-models/forecast-section.js';
import type { UnitLevel } from '../core/units/unit.js';
import type { Table } from './tables/result-tables.js';
import type { SummaryContent } from '../features/bulletin/core/summary-content.js';
import { bulletinDocx } from './docx/bulletin-docx.js';
import { summaryDocx } from './docx/summary-docx.js';
import { workbook } from './tables/bulletin-workbook.js';
import { summaryWorkbook } from './tables/summary-tables.js';
import { svgToPng } from './images/raster.js';

export type BuildJob =
  | { kind: 'bulletin-docx'; content: BulletinContent; view: BulletinView; mark: DocumentMark; forecast: ForecastSectionView | null }
  | { kind: 'summary-docx'; view: SummaryView; level: UnitLevel; mark: DocumentMark }
  | { kind: 'bulletin-xlsx'; content: BulletinContent; sheets: Array<{ name: string; table: Table }> }
  | { kind: 'summary-xlsx'; content: SummaryContent }
  | { kind: 'png'; svg: string; widthPx: number };

export const BUILD_KINDS: ReadonlySet<BuildJob['kind']> = new Set(['bulletin-docx', 'summary-docx', 'bulletin-xlsx', 'summary-xlsx', 'png']);

/** Builds the job's file in this thread. */
export async function runBuild(job: BuildJob): Promise<Buffer> {
  switch (job.kind) {
    case 'bulletin-docx':
      return bulletinDocx(job.content, job.view, job.mark, job.forecast);
    case 'summary-docx':
      return summaryDocx(job.view, job.level, job.mark);
    case 'bulletin-xlsx':
      return workbook(job.content, job.sheets);
    case 'summary-xlsx':
      return summaryWorkbook(job.content);
    case 'png':
      return svgToPng(job.svg, job.widthPx);
  }
}
