// The bulletin as files: XLSX (overview, one sheet per level, AAPOR), CSV of one level, and the raw responses for
// analysts. Registered by bulletin.ts inside the staff scope; every file covers only the chosen unit, which the user
// must be allowed to see (scopes are subtrees, so everything below it is in scope too).
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { RoundResults, UnitResult } from '../../../core/results/types.js';
import type { UnitLevel } from '../../../core/units/unit.js';
import { getRoundResults } from '../round-results.js';
import { liveResultsReady } from '../live-results.js';
import { csvRow, toCsv, BOM, type Cell } from '../../../core/tables/csv.js';
import { LEVEL_LABELS } from '../../../core/units/unit.js';
import { unitTable, type Table } from '../../../outputs/tables/result-tables.js';
import { itemScoresTable, weakItemsTable } from '../../../outputs/tables/question-tables.js';
import { levelLines, unitsAtLevel } from '../../bulletin/core/unit-line.js';
import { surveyMetrics } from '../../../core/results/metrics.js';
import { bulletinContent } from '../../bulletin/core/content.js';
import { responseRow, responsesHeader, type GridContext } from '../../../outputs/tables/responses-table.js';
import { RoundParams } from '../../../web/staff/schemas.js';
import { UnitCode } from '../../../web/staff/schemas.js';
import { BadRequest } from '../../../web/errors.js';
import { roundInScope, staffUser } from '../../../web/staff/context.js';
import { pageUnit, surveyOf } from '../../bulletin/routes/bulletin-lookup.js';
import { workbook } from './exports-xlsx.js';

const ExportQuery = Type.Object({ unit: Type.Optional(UnitCode) });
const LevelExportQuery = Type.Object({
  unit: Type.Optional(UnitCode),
  level: Type.Optional(Type.Union([Type.Literal('township'), Type.Literal('village'), Type.Literal('grid')])),
});

const DEPTH: Record<UnitLevel, number> = { district: 0, township: 1, village: 2, grid: 3 };
const REPORT_LEVELS: UnitLevel[] = ['township', 'village', 'grid'];

/** The levels at or below the unit that a report can list (a district's own level has a single row: the overview). */
export function levelsBelow(unit: UnitResult): UnitLevel[] {
  return REPORT_LEVELS.filter((l) => DEPTH[l] >= DEPTH[unit.level]);
}

export function attachment(reply: FastifyReply, filename: string, type: string): FastifyReply {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'private, no-store');
}

/** CSV shows scores with two decimals and rates as percentages with one, as the bulletin prints them. */
function csvTable(table: Table): Cell[][] {
  const header = table.columns.map((c) => (c.kind === 'rate' ? `${c.header}(%)` : c.header));
  const rows = table.rows.map((row) =>
    row.map((v, i) => {
      if (typeof v !== 'number') return v;
      const kind = table.columns[i].kind;
      if (kind === 'score') return Number(v.toFixed(2));
      if (kind === 'rate') return Number((v * 100).toFixed(1));
      return v;
    }),
  );
  return [header, ...rows];
}

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
    await liveResultsReady(app.repos, round);
    const results = getRoundResults(app.repos, round);
    const unit = pageUnit(app, user, results, request.query.unit);
    return { round, results, unit, survey: surveyOf(app, round) };
  };

  app.get('/rounds/:code/export.xlsx', { schema: { params: RoundParams, querystring: ExportQuery, hide: true } }, async (request, reply) => {
    const { round, results, unit, survey } = await context(request);
    const content = bulletinContent({ round, survey, results, series: [], unit });
    const sheets = levelsBelow(unit).map((level) => ({
      name: LEVEL_LABELS[level],
      table: unitTable(survey, levelLines(results, unit.code, level, content.metrics)),
    }));
    // The questions by the number printed on the resident form (outputs/tables/question-tables.ts).
    for (const [name, table] of [['薄弱项', weakItemsTable(content)], ['逐题得分', itemScoresTable(content)]] as const) {
      if (table.rows.length > 0) sheets.push({ name, table });
    }
    const buffer = await workbook(content, sheets);
    return attachment(reply, `${results.roundCode}-${unit.code}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(buffer);
  });

  app.get('/rounds/:code/export.csv', { schema: { params: RoundParams, querystring: LevelExportQuery, hide: true } }, async (request, reply) => {
    const { results, unit, survey } = await context(request);
    const allowed = levelsBelow(unit);
    const level = request.query.level ?? allowed.find((l) => DEPTH[l] > DEPTH[unit.level]) ?? 'grid';
    if (!allowed.includes(level)) throw new BadRequest(`${unit.name}之下没有“${LEVEL_LABELS[level]}”这一层级`);
    const table = unitTable(survey, levelLines(results, unit.code, level, surveyMetrics(survey)));
    return attachment(reply, `${results.roundCode}-${unit.code}-${level}.csv`, 'text/csv; charset=utf-8').send(toCsv(csvTable(table)));
  });

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
