// What every analyst's download of a round needs: the round (in the user's scope, its results ready), the unit asked
// for (which the user must be allowed to see: scopes are subtrees), its questionnaire, and for each of its grids the
// codes, names, population and weight that go on every row (the raw CSV and the SPSS, Stata and R files alike).
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { RoundResults, UnitResult } from '../../../core/results/types.js';
import { getRoundResults } from '../round-results.js';
import { resultsReady } from '../results-ready.js';
import { unitsAtLevel } from '../../bulletin/core/unit-line.js';
import type { GridContext } from '../../../outputs/tables/responses-table.js';
import { UnitCode } from '../../../web/staff/schemas.js';
import { roundInScope, staffUser } from '../../../web/staff/context.js';
import { pageUnit } from '../../bulletin/routes/bulletin-lookup.js';
import { roundSurvey } from '../../bulletin/bulletin-service.js';

export const ExportQuery = Type.Object({ unit: Type.Optional(UnitCode) });

export function gridContexts(results: RoundResults, unit: UnitResult, population: (unitId: number) => number | null): Array<{ unitId: number; ctx: GridContext }> {
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

type ExportRequest = { params: { code: string }; query: { unit?: string } } & Parameters<typeof staffUser>[0];

export async function exportContext(app: FastifyInstance, request: ExportRequest) {
  const user = staffUser(request);
  const round = roundInScope(app, user, request.params.code);
  await resultsReady(app.repos, round);
  const results = getRoundResults(app.repos, round);
  const unit = pageUnit(app, user, results, request.query.unit);
  return { round, results, unit, survey: roundSurvey(app.repos, round) };
}
