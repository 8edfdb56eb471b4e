// The raw responses of a round for analysts (one row per completed interview, with its grid's weight). Registered
// by the bulletin's routes beside the bulletin's own files (features/bulletin/routes/bulletin-exports.ts); the file
// covers only the chosen unit, which the user must be allowed to see (scopes are subtrees).
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { RoundResults, UnitResult } from '../../../core/results/types.js';
import { getRoundResults } from '../round-results.js';
import { resultsReady } from '../results-ready.js';
import { csvRow, BOM } from '../../../core/tables/csv.js';
import { unitsAtLevel } from '../../bulletin/core/unit-line.js';
import { responseRow, responsesHeader, type GridContext } from '../../../outputs/tables/responses-table.js';
import { RoundParams, UnitCode } from '../../../web/staff/schemas.js';
import { roundInScope, staffUser } from '../../../web/staff/context.js';
import { attachment } from '../../../web/attachment.js';
import { pageUnit } from '../../bulletin/routes/bulletin-lookup.js';
import { roundSurvey } from '../../bulletin/bulletin-service.js';

const ExportQuery = Type.Object({ unit: Type.Optional(UnitCode) });

function gridContexts(results: RoundResults, unit: UnitResult, population: (unitId: number) => number | null): Array<{ unitId: number; ctx: GridContext }> {
  return unitsAtLevel(results, unit.code, 'grid')
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((g) => {
      const village = g.parentCode ? results.units[g.parentCode] : undefined;
      const township = village?.parentCode ? results.units[village.parentCode] : undefined;
      const N = population(g.unitId);
      const weight = g.n === 0 ? null : unit.equalWeights ? 1 : N !== null && N > 0 ? N / g.n : 1;
      const ctx: GridContext = {
        gridCode: g.code,
        gridName: g.name,
        villageCode: village?.code ?? '',
        villageName: village?.name ?? '',
        townshipCode: township?.code ?? '',
        townshipName: township?.name ?? '',
        population: N,
        weight,
      };
      return { unitId: g.unitId, ctx };
    });
}

const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const context = async (request: { params: { code: string }; query: { unit?: string } } & Parameters<typeof staffUser>[0]) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    await resultsReady(app.repos, round);
    const results = getRoundResults(app.repos, round);
    const unit = pageUnit(app, user, results, request.query.unit);
    return { round, results, unit, survey: roundSurvey(app.repos, round) };
  };

  app.get('/rounds/:code/responses.csv', { schema: { params: RoundParams, querystring: ExportQuery, hide: true } }, async (request, reply) => {
    const { round, results, unit, survey } = await context(request);
    // Weights from the populations the round was opened with (its frozen coverage), as its results use.
    const units = app.repos.units.treeOfRound(round);
    const grids = gridContexts(results, unit, (id) => units.byId(id)?.population ?? null);
    const repo = app.repos.results;
    // Read one grid at a time (synchronous .all()), so no database cursor stays open between chunks of the stream.
    function* lines(): Generator<string> {
      yield BOM + csvRow(responsesHeader(survey));
      for (const { unitId, ctx } of grids) {
        const answers = repo.gridAnswers(round.id, unitId);
        let at = 0;
        let chunk = '';
        for (const response of repo.gridResponses(round.id, unitId)) {
          while (at < answers.length && answers[at].responseId < response.id) at++;
          const start = at;
          while (at < answers.length && answers[at].responseId === response.id) at++;
          chunk += csvRow(responseRow(survey, ctx, response, answers.slice(start, at)));
        }
        if (chunk) yield chunk;
      }
    }
    return attachment(reply, `${results.roundCode}-${unit.code}-responses.csv`, 'text/csv; charset=utf-8').send(Readable.from(lines()));
  });
};

export default exportRoutes;
