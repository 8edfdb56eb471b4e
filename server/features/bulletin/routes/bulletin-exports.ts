// The bulletin as files: XLSX (overview, one sheet per level, weak items, item scores, AAPOR) and the CSV of one
// level, both formatted from the bulletin service's content (../bulletin-service.ts), so their 变化判断 is the page's.
// Registered by bulletin.ts inside the staff scope; every file covers only the chosen unit, which the user must be
// allowed to see (scopes are subtrees, so everything below it is in scope too).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { toCsv } from '../../../core/tables/csv.js';
import { LEVEL_LABELS } from '../../../core/units/unit.js';
import { csvTable, unitTable } from '../../../outputs/tables/result-tables.js';
import { itemScoresTable, weakItemsTable } from '../../../outputs/tables/question-tables.js';
import { buildOffLoop } from '../../../platform/build-pool.js';
import { RoundParams, UnitCode } from '../../../web/staff/schemas.js';
import { BadRequest } from '../../../web/errors.js';
import { roundInScope, staffUser } from '../../../web/staff/context.js';
import { attachment } from '../../../web/attachment.js';
import { bulletinFor, bulletinResults, roundSurvey } from '../bulletin-service.js';
import { firstLevelBelow } from '../core/unit-line.js';
import { pageUnit } from './bulletin-lookup.js';

const ExportQuery = Type.Object({ unit: Type.Optional(UnitCode) });
const LevelExportQuery = Type.Object({
  unit: Type.Optional(UnitCode),
  level: Type.Optional(Type.Union([Type.Literal('township'), Type.Literal('village'), Type.Literal('grid')])),
});

const bulletinExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const bulletinOf = async (request: { params: { code: string }; query: { unit?: string } } & Parameters<typeof staffUser>[0]) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const unit = pageUnit(app, user, await bulletinResults(app.repos, round), request.query.unit);
    return { round, unit, survey: roundSurvey(app.repos, round), content: bulletinFor(app.repos, round, unit) };
  };

  app.get('/rounds/:code/export.xlsx', { schema: { params: RoundParams, querystring: ExportQuery, hide: true } }, async (request, reply) => {
    const { round, unit, survey, content } = await bulletinOf(request);
    const sheets = content.levels.map((l) => ({ name: l.levelLabel, table: unitTable(survey, l.lines) }));
    // The questions by the number printed on the resident form (outputs/tables/question-tables.ts).
    for (const [name, table] of [['薄弱项', weakItemsTable(content)], ['逐题得分', itemScoresTable(content)]] as const) {
      if (table.rows.length > 0) sheets.push({ name, table });
    }
    // Written in the build worker: exceljs held the event loop 100–200 ms here (bench/event-loop.ts, 2026-12-07).
    const buffer = await buildOffLoop({ kind: 'bulletin-xlsx', content, sheets });
    return attachment(reply, `${round.code}-${unit.code}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(buffer);
  });

  app.get('/rounds/:code/export.csv', { schema: { params: RoundParams, querystring: LevelExportQuery, hide: true } }, async (request, reply) => {
    const { round, unit, survey, content } = await bulletinOf(request);
    const level = request.query.level ?? firstLevelBelow(unit.level);
    const lines = content.levels.find((l) => l.level === level);
    if (!lines) throw new BadRequest(`${unit.name}之下没有“${LEVEL_LABELS[level]}”这一层级`);
    const table = unitTable(survey, lines.lines);
    return attachment(reply, `${round.code}-${unit.code}-${level}.csv`, 'text/csv; charset=utf-8').send(toCsv(csvTable(table)));
  });
};

export default bulletinExportRoutes;
