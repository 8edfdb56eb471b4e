// The staff home page: every open round with its response progress against quota, by the units of the user's scope.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../core/auth/staff.js';
import type { Round } from '../../core/rounds/round.js';
import type { Unit } from '../../core/units/unit.js';
import type { ReceiptCounts } from '../../features/receipts/core/receipt.js';
import { reportingLevel, roundTouchesScope, scopeRootIds } from '../../core/auth/scope.js';
import { ROLE_LABELS } from '../../core/auth/staff.js';
import { ROUND_KIND_LABELS } from '../../core/rounds/round.js';
import { totalProgress, unitProgress, type UnitProgress } from '../../features/rounds/core/progress.js';
import { LEVEL_LABELS } from '../../core/units/unit.js';
import { STAFF_LAYOUT, roundGridsInScope, staffUser } from './context.js';
import { coverageOf, coverageText } from '../../core/results/sweep-coverage.js';
import { sweepCoverage } from '../../features/sweep/sweep-results.js';

/** The units one progress table reports by, for one user: townships, villages or grids of the user's scope. */
function reportingUnits(app: FastifyInstance, user: StaffUser, level: 'township' | 'village' | 'grid'): Unit[] {
  const roots = scopeRootIds(user, app.repos.units.roots().map((u) => u.id));
  const out: Unit[] = [];
  for (const rootId of roots) {
    const root = app.repos.units.getById(rootId);
    if (!root) continue;
    if (root.level === level) out.push(root);
    else out.push(...app.repos.units.descendants(rootId, level));
  }
  return out;
}

function progressTable(app: FastifyInstance, units: Unit[], roundGrids: Set<number>, round: Round, counts: Map<number, { complete: number; screenedOut: number }>): UnitProgress[] {
  return units
    .map((unit) => {
      const grids = unit.level === 'grid' ? [unit.id] : app.repos.units.descendants(unit.id, 'grid').map((g) => g.id);
      return unitProgress(unit, grids.filter((g) => roundGrids.has(g)), counts, round.quotaPerGrid);
    })
    .filter((row) => row.grids > 0);
}

/** Receipts of a round in the user's grids: the problems (无需处理 left out), and those nobody has answered yet. */
function receiptTotals(byGrid: Map<number, ReceiptCounts>, grids: Set<number>): { total: number; open: number } {
  let total = 0;
  let open = 0;
  for (const [gridId, c] of byGrid) {
    if (!grids.has(gridId)) continue;
    total += c.total - c.dismissed;
    open += c.open + c.assigned;
  }
  return { total, open };
}

const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const level = reportingLevel(user);
    const rounds = app.repos.rounds
      .list()
      .filter((r) => r.state === 'open' && roundTouchesScope(user, r.unitIds, app.repos.units))
      .map((round) => {
        const grids = new Set(roundGridsInScope(app, user, round));
        const counts = app.repos.responses.countByGrid(round.id);
        const rows = progressTable(app, reportingUnits(app, user, level), grids, round, counts);
        // Township staff also see each grid: that is where the calls are made.
        const gridRows = level === 'village' ? progressTable(app, reportingUnits(app, user, 'grid'), grids, round, counts) : [];
        const receipts = receiptTotals(app.repos.receipts.countsByGrid(round.id), grids);
        return {
          round,
          // A sweep has no quota: its progress is its coverage of the roster (core/results/sweep-coverage.ts).
          sweepCoverage: round.kind === 'sweep' ? coverageText(coverageOf(sweepCoverage(app.repos, round, [...grids]).total)) : null,
          kindName: ROUND_KIND_LABELS[round.kind],
          total: totalProgress({ id: 0, code: '', name: '合计' }, rows),
          rows,
          gridRows,
          receipts,
        };
      });
    return reply.view(
      'staff/dashboard',
      {
        title: '首页',
        nav: 'home',
        roleName: ROLE_LABELS[user.role],
        scopeUnit: user.unitId === null ? undefined : app.repos.units.getById(user.unitId),
        levelName: LEVEL_LABELS[level],
        caption: `按${LEVEL_LABELS[level]}统计的完成进度`,
        rounds,
      },
      STAFF_LAYOUT,
    );
  });
};

export default dashboardRoutes;
