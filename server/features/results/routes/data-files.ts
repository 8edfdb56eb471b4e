// Data for statisticians: SPSS (.sav), Stata (.dta), R (a CSV and a script building the survey design) and the
// codebook (page and XLSX), all written from one data set (outputs/data-files/), for a round (under /rounds/:code/)
// and for the months of a half-year summary (under /summary/, with a `round` variable). The same access as the raw
// response export and the summary page: a staff member in whose scope the round and the chosen unit are.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RoundParams } from '../../../web/staff/schemas.js';
import { STAFF_LAYOUT, staffUser } from '../../../web/staff/context.js';
import { attachment } from '../../../web/attachment.js';
import { RoundNotFound } from '../../../web/errors.js';
import type { Codebook } from '../../../outputs/data-files/codebook.js';
import { SummaryQuery } from '../../bulletin/schemas.js';
import { summarySeries, roundSurvey } from '../../bulletin/bulletin-service.js';
import { pageUnit, summaryEndRound } from '../../bulletin/routes/bulletin-lookup.js';
import { roundDataPlan, windowDataPlan, type DataSetPlan } from '../data-files-service.js';
import { dataFileOffLoop, type DataFileFormat } from '../data-file-job.js';
import { ExportQuery, exportContext } from './export-context.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What one download needs: the plan of its data set, a file-name stem, and where its files live. */
interface Prepared {
  plan: DataSetPlan;
  base: string;
  /** The path prefix of the files ("/rounds/CODE" or "/summary") and their query string. */
  prefix: string;
  query: string;
  backHref: string;
  backLabel: string;
}

type Prepare = (request: never) => Promise<Prepared>;

const FILES = [
  ['data.sav', 'SPSS 数据（.sav）'], ['data.dta', 'Stata 数据（.dta）'], ['data.csv', 'R 用数据（CSV）'], ['data.R', 'R 脚本（.R）'], ['codebook.xlsx', '码本（XLSX）'],
] as const;

/** The six routes under `path` (a round's or the summary's), each made from `prepare`'s data set in the build worker. */
function fileRoutes(app: FastifyInstance, path: string, schema: object, prepare: Prepare): void {
  const build = (p: Prepared, format: DataFileFormat) => dataFileOffLoop(app.repos, { kind: 'data-file', format, plan: p.plan, csvName: `${p.base}-data.csv`, now: new Date() });
  const send = (ext: string, format: DataFileFormat, type: string) =>
    app.get(`${path}/${ext}`, { schema }, async (request, reply: FastifyReply) => {
      const p = await prepare(request as never);
      return attachment(reply, `${p.base}-${ext}`, type).send(await build(p, format));
    });
  send('data.sav', 'sav', 'application/x-spss-sav');
  send('data.dta', 'dta', 'application/x-stata-dta');
  send('data.csv', 'csv', 'text/csv; charset=utf-8');
  send('data.R', 'R', 'text/plain; charset=utf-8');
  send('codebook.xlsx', 'codebook.xlsx', XLSX);
  app.get(`${path}/codebook`, { schema }, async (request, reply) => {
    const p = await prepare(request as never);
    const book = JSON.parse((await build(p, 'codebook')).toString('utf8')) as Codebook;
    return reply.view('staff/codebook', {
      title: book.title,
      book,
      files: FILES.map(([file, label]) => ({ href: `${p.prefix}/${file}${p.query}`, label })),
      backHref: p.backHref,
      backLabel: p.backLabel,
    }, STAFF_LAYOUT);
  });
}

const dataFileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  fileRoutes(app, '/rounds/:code', { params: RoundParams, querystring: ExportQuery, hide: true }, async (request: Parameters<typeof exportContext>[1]) => {
    const { round, results, unit, survey } = await exportContext(app, request);
    const prefix = `/rounds/${encodeURIComponent(results.roundCode)}`;
    const query = `?unit=${encodeURIComponent(unit.code)}`;
    return {
      plan: roundDataPlan(app.repos, round, results, unit, survey), base: `${results.roundCode}-${unit.code}`, prefix, query,
      backHref: `${prefix}/bulletin${query}`, backLabel: `${results.roundCode} ${unit.name} 通报`,
    };
  });
  fileRoutes(app, '/summary', { querystring: SummaryQuery, hide: true }, async (request: Parameters<typeof staffUser>[0] & { query: SummaryQuery }) => {
    const end = summaryEndRound(app, request.query.survey, request.query.end);
    if (!end) throw new RoundNotFound('月度民调（尚无已结束的月度轮次）');
    const series = await summarySeries(app.repos, end);
    const unit = pageUnit(app, staffUser(request), series[series.length - 1], request.query.unit);
    const survey = roundSurvey(app.repos, end);
    const title = `${series[0].period}至${end.period} ${unit.name} 半年答卷数据`;
    const query = `?survey=${encodeURIComponent(end.surveyKey)}&end=${encodeURIComponent(end.period)}&unit=${encodeURIComponent(unit.code)}`;
    return {
      plan: windowDataPlan(app.repos, series, unit.code, survey, title), base: `${end.period}-${unit.code}-half-year`, prefix: '/summary', query,
      backHref: `/summary${query}`, backLabel: '半年小结',
    };
  });
};

export default dataFileRoutes;
