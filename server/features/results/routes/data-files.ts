// A round's data for statisticians: SPSS (.sav), Stata (.dta), R (a CSV and a script building the survey design) and
// the codebook (page and XLSX), all written from one data set (outputs/data-files/). The same access as the raw
// response export: a staff member in whose scope the round and the chosen unit are.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RoundParams } from '../../../web/staff/schemas.js';
import { STAFF_LAYOUT } from '../../../web/staff/context.js';
import { attachment } from '../../../web/attachment.js';
import { writeSav } from '../../../outputs/data-files/sav-writer.js';
import { writeDta } from '../../../outputs/data-files/dta-writer.js';
import { dataCsv, rScript } from '../../../outputs/data-files/r-files.js';
import { codebookOf, codebookWorkbook } from '../../../outputs/data-files/codebook.js';
import { roundDataSet } from '../data-files-service.js';
import { ExportQuery, exportContext } from './export-context.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const dataFileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { params: RoundParams, querystring: ExportQuery, hide: true };
  const prepared = async (request: Parameters<typeof exportContext>[1]) => {
    const { round, results, unit, survey } = await exportContext(app, request);
    const data = roundDataSet(app.repos, round, results, unit, survey);
    const base = `${results.roundCode}-${unit.code}`;
    const unitQuery = `?unit=${encodeURIComponent(unit.code)}`;
    return { survey, data, base, unitQuery, roundCode: results.roundCode, unitName: unit.name };
  };

  app.get('/rounds/:code/data.sav', { schema }, async (request, reply) => {
    const { data, base } = await prepared(request);
    return attachment(reply, `${base}-data.sav`, 'application/x-spss-sav').send(writeSav(data));
  });
  app.get('/rounds/:code/data.dta', { schema }, async (request, reply) => {
    const { data, base } = await prepared(request);
    return attachment(reply, `${base}-data.dta`, 'application/x-stata-dta').send(writeDta(data));
  });
  app.get('/rounds/:code/data.csv', { schema }, async (request, reply) => {
    const { data, base } = await prepared(request);
    return attachment(reply, `${base}-data.csv`, 'text/csv; charset=utf-8').send(dataCsv(data));
  });
  app.get('/rounds/:code/data.R', { schema }, async (request, reply) => {
    const { survey, data, base } = await prepared(request);
    return attachment(reply, `${base}-data.R`, 'text/plain; charset=utf-8').send(rScript(survey, data, `${base}-data.csv`));
  });
  app.get('/rounds/:code/codebook.xlsx', { schema }, async (request, reply) => {
    const { survey, data, base } = await prepared(request);
    return attachment(reply, `${base}-codebook.xlsx`, XLSX).send(await codebookWorkbook(codebookOf(survey, data)));
  });
  app.get('/rounds/:code/codebook', { schema }, async (request, reply) => {
    const { survey, data, unitQuery, roundCode, unitName } = await prepared(request);
    const book = codebookOf(survey, data);
    const href = (file: string) => `/rounds/${encodeURIComponent(roundCode)}/${file}${unitQuery}`;
    return reply.view('staff/codebook', {
      title: book.title,
      book,
      unitName,
      roundCode,
      files: [
        { href: href('data.sav'), label: 'SPSS 数据（.sav）' },
        { href: href('data.dta'), label: 'Stata 数据（.dta）' },
        { href: href('data.csv'), label: 'R 用数据（CSV）' },
        { href: href('data.R'), label: 'R 脚本（.R）' },
        { href: href('codebook.xlsx'), label: '码本（XLSX）' },
      ],
      bulletinHref: `/rounds/${encodeURIComponent(roundCode)}/bulletin${unitQuery}`,
    }, STAFF_LAYOUT);
  });
};

export default dataFileRoutes;
