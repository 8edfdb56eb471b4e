// The raw responses of a round for analysts (one row per completed interview, with its grid's weight). Registered
// by the bulletin's routes beside the bulletin's own files (features/bulletin/routes/bulletin-exports.ts); the file
// covers only the chosen unit, which the user must be allowed to see (scopes are subtrees).
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { csvRow, BOM } from '../../../core/tables/csv.js';
import { responseRow, responsesHeader } from '../../../outputs/tables/responses-table.js';
import { RoundParams } from '../../../web/staff/schemas.js';
import { attachment } from '../../../web/attachment.js';
import { ExportQuery, exportContext, gridContexts } from './export-context.js';
import { gridResponsesWithAnswers } from '../data-files-service.js';
import dataFileRoutes from './data-files.js';

const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The same data for SPSS, Stata and R, with its codebook.
  await app.register(dataFileRoutes);
  app.get('/rounds/:code/responses.csv', { schema: { params: RoundParams, querystring: ExportQuery, hide: true } }, async (request, reply) => {
    const { round, results, unit, survey } = await exportContext(app, request);
    // Weights from the populations the round was opened with (its frozen coverage), as its results use.
    const units = app.repos.units.treeOfRound(round);
    const grids = gridContexts(results, unit, (id) => units.byId(id)?.population ?? null);
    // Read one grid at a time (synchronous .all()), so no database cursor stays open between chunks of the stream.
    function* lines(): Generator<string> {
      yield BOM + csvRow(responsesHeader(survey));
      for (const { unitId, ctx } of grids) {
        let chunk = '';
        for (const { response, answers } of gridResponsesWithAnswers(app.repos, round.id, unitId)) {
          chunk += csvRow(responseRow(survey, ctx, response, answers));
        }
        if (chunk) yield chunk;
      }
    }
    return attachment(reply, `${results.roundCode}-${unit.code}-responses.csv`, 'text/csv; charset=utf-8').send(Readable.from(lines()));
  });
};

export default exportRoutes;
