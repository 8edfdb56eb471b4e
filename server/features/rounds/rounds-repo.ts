// Polling rounds: one questionnaire version over a set of units for one period, with its life draft → open → closed.
// SQL only: what a new round must be and which changes of state are allowed are the rounds' rules, applied by the
// rounds service (rounds-service.ts) before it stores.
import type { Db } from '../../platform/db.js';
import { noteSetupChange } from '../../platform/setup-watch.js';
import { parseChannels } from './core/round-rules.js';
import { RANKING_ESTIMATES, ROUND_KINDS, ROUND_STATES, type RankingEstimate, type Round, type RoundKind, type RoundState } from '../../core/rounds/round.js';
import type { ValidRound } from './core/round-validator.js';
import type { LinkHolder } from './core/link-ownership.js';
import { writeTransaction } from '../../platform/write-transaction.js';

interface RoundRow {
  id: number;
  code: string;
  survey_id: number;
  survey_key: string;
  period: string;
  kind: string;
  state: string;
  quota_per_grid: number;
  min_sample: number;
  channels: string;
  eligibility_e: number | null;
  ranking_estimate: string;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
}


function kindOf(v: string): RoundKind {
  const k = ROUND_KINDS.find((x) => x === v);
  if (!k) throw new Error(`unknown round kind in database: ${v}`);
  return k;
}

function stateOf(v: string): RoundState {
  const s = ROUND_STATES.find((x) => x === v);
  if (!s) throw new Error(`unknown round state in database: ${v}`);
  return s;
}

const SELECT = 'SELECT r.*, s.survey_key FROM rounds r JOIN surveys s ON s.id = r.survey_id';
/** The round takes web answers (its stored channel list names web: features/rounds/core/link-ownership.ts). */
const TAKES_WEB = "(',' || r.channels || ',') LIKE '%,web,%'";
/** The grid (first parameter) and every unit above it. */
const UP = `WITH RECURSIVE up(id) AS (
    SELECT ? UNION ALL SELECT u.parent_id FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)`;

/**
 * The round's part of the unit tree as it is now (its units, everything below and everything above them), copied into
 * round_coverage when the round opens: the round keeps these units, grids and populations whatever is imported later.
 */
const FREEZE_COVERAGE = `INSERT INTO round_coverage (round_id, unit_id, parent_id, code, name, level, population, households)
  WITH RECURSIVE
    down(id) AS (SELECT unit_id FROM round_units WHERE round_id = ?
      UNION SELECT u.id FROM units u JOIN down ON u.parent_id = down.id),
    up(id) AS (SELECT unit_id FROM round_units WHERE round_id = ?
      UNION SELECT u.parent_id FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)
  SELECT ?, u.id, u.parent_id, u.code, u.name, u.level, u.population, u.households
  FROM units u WHERE u.id IN (SELECT id FROM down UNION SELECT id FROM up)`;

export class RoundsRepo {
  private readonly byIdStmt;
  private readonly byCodeStmt;
  private readonly listStmt;
  private readonly unitIdsStmt;
  private readonly insertStmt;
  private readonly insertUnitStmt;
  private readonly openStmt;
  private readonly closeStmt;
  private readonly openForGridStmt;
  private readonly coversStmt;
  private readonly gridIdsStmt;
  private readonly latestForGridStmt;
  private readonly coversFrozenStmt;
  private readonly gridIdsFrozenStmt;
  private readonly freezeCoverageStmt;
  private readonly surveyKeyStmt;
  private readonly unitExistsStmt;
  private readonly webHolderStmt;
  private readonly rankingStmt;

  constructor(private readonly db: Db) {
    this.byIdStmt = db.prepare<[number], RoundRow>(`${SELECT} WHERE r.id = ?`);
    this.byCodeStmt = db.prepare<[string], RoundRow>(`${SELECT} WHERE r.code = ?`);
    this.listStmt = db.prepare<[], RoundRow>(`${SELECT} ORDER BY r.period DESC, r.id DESC`);
    this.unitIdsStmt = db.prepare<[number], { unit_id: number }>('SELECT unit_id FROM round_units WHERE round_id = ? ORDER BY unit_id');
    this.insertStmt = db.prepare<[string, number, string, string, number, number, string, string]>(
      `INSERT INTO rounds (code, survey_id, period, kind, state, quota_per_grid, min_sample, channels, created_at)
       VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?)`,
    );
    this.insertUnitStmt = db.prepare<[number, number]>('INSERT OR IGNORE INTO round_units (round_id, unit_id) VALUES (?, ?)');
    this.openStmt = db.prepare<[string, number]>("UPDATE rounds SET state = 'open', opened_at = ? WHERE id = ? AND state = 'draft'");
    this.closeStmt = db.prepare<[string, number]>("UPDATE rounds SET state = 'closed', closed_at = ? WHERE id = ? AND state = 'open'");
    // Open and closed rounds answer from their frozen coverage (migration 009); only a draft follows the live tree.
    // The round that takes web answers first: it owns the grid's link whatever other open rounds cover the grid.
    // Two open web rounds can only be left from before the rule (features/rounds/round-lifecycle.ts): then a round that is
    // not a sweep first, as a half year "2026-H2" would otherwise sort after the month "2026-12" it runs beside.
    this.openForGridStmt = db.prepare<[number], RoundRow>(
      `${SELECT} JOIN round_coverage c ON c.round_id = r.id
       WHERE c.unit_id = ? AND c.level = 'grid' AND r.state = 'open'
       ORDER BY ${TAKES_WEB} DESC, r.kind = 'sweep', r.period DESC, r.id DESC LIMIT 1`,
    );
    this.webHolderStmt = db.prepare<[number, string], { code: string; period: string; title: string; shared: number }>(
      `SELECT r.code, r.period, s.title, COUNT(*) AS shared
       FROM rounds r JOIN surveys s ON s.id = r.survey_id JOIN round_coverage c ON c.round_id = r.id AND c.level = 'grid'
       WHERE r.state = 'open' AND ${TAKES_WEB} AND r.id <> ? AND c.unit_id IN (SELECT value FROM json_each(?))
       GROUP BY r.id ORDER BY r.period DESC, r.id DESC LIMIT 1`,
    );
    this.latestForGridStmt = db.prepare<[number, number], RoundRow>(
      `${UP} ${SELECT} WHERE (r.state = 'draft'
           AND EXISTS (SELECT 1 FROM round_units ru WHERE ru.round_id = r.id AND ru.unit_id IN (SELECT id FROM up)))
         OR (r.state <> 'draft'
           AND EXISTS (SELECT 1 FROM round_coverage c WHERE c.round_id = r.id AND c.unit_id = ? AND c.level = 'grid'))
       ORDER BY r.period DESC, r.id DESC LIMIT 1`,
    );
    this.coversFrozenStmt = db.prepare<[number, number], { n: number }>(
      "SELECT COUNT(*) AS n FROM round_coverage WHERE round_id = ? AND unit_id = ? AND level = 'grid'",
    );
    this.coversStmt = db.prepare<[number, number], { n: number }>(
      `${UP} SELECT COUNT(*) AS n FROM round_units WHERE round_id = ? AND unit_id IN (SELECT id FROM up)`,
    );
    this.gridIdsFrozenStmt = db.prepare<[number], { id: number }>(
      "SELECT unit_id AS id FROM round_coverage WHERE round_id = ? AND level = 'grid' ORDER BY code",
    );
    this.gridIdsStmt = db.prepare<[number], { id: number }>(
      `WITH RECURSIVE sub(id) AS (
         SELECT unit_id FROM round_units WHERE round_id = ?
         UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)
       SELECT units.id FROM units JOIN sub ON units.id = sub.id WHERE units.level = 'grid' ORDER BY units.code`,
    );
    this.freezeCoverageStmt = db.prepare<[number, number, number]>(FREEZE_COVERAGE);
    this.surveyKeyStmt = db.prepare<[number], { survey_key: string }>('SELECT survey_key FROM surveys WHERE id = ?');
    this.unitExistsStmt = db.prepare<[number], { id: number }>('SELECT id FROM units WHERE id = ?');
    // A closed round is frozen: its ranking stays as its bulletin was issued.
    this.rankingStmt = db.prepare<[string, number, string]>(
      "UPDATE rounds SET ranking_estimate = ? WHERE id = ? AND state <> 'closed' AND ranking_estimate = ?",
    );
  }

  private toRound(r: RoundRow): Round {
    return {
      id: r.id,
      code: r.code,
      surveyVersionId: r.survey_id,
      surveyKey: r.survey_key,
      period: r.period,
      kind: kindOf(r.kind),
      state: stateOf(r.state),
      quotaPerGrid: r.quota_per_grid,
      minSample: r.min_sample,
      channels: parseChannels(r.channels),
      eligibilityE: r.eligibility_e,
      rankingEstimate: RANKING_ESTIMATES.find((x) => x === r.ranking_estimate) ?? 'direct',
      unitIds: this.unitIdsStmt.all(r.id).map((u) => u.unit_id),
      createdAt: r.created_at,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
    };
  }

  /** Stores a new round in the draft state, as the rounds' rules checked it (round-validator.ts). */
  insert(r: ValidRound): Round {
    const id = writeTransaction(this.db, () => {
      const result = this.insertStmt.run(r.code, r.surveyVersionId, r.period, r.kind, r.quotaPerGrid, r.minSample, r.channels.join(','), new Date().toISOString());
      const roundId = Number(result.lastInsertRowid);
      for (const unitId of r.unitIds) this.insertUnitStmt.run(roundId, unitId);
      return roundId;
    });
    noteSetupChange(this.db);
    const round = this.getById(id);
    if (!round) throw new Error(`round ${id} vanished after its insert`);
    return round;
  }

  /** The questionnaire key of a version, or undefined when there is no such version. */
  surveyKeyOf(versionId: number): string | undefined {
    return this.surveyKeyStmt.get(versionId)?.survey_key;
  }

  unitExists(unitId: number): boolean {
    return this.unitExistsStmt.get(unitId) !== undefined;
  }

  codeTaken(code: string): boolean {
    return this.byCodeStmt.get(code) !== undefined;
  }

  /** Sets the estimate that ranks villages and grids; false when the round is closed or the setting changed meanwhile. */
  setRankingEstimate(id: number, from: RankingEstimate, to: RankingEstimate): boolean {
    return this.rankingStmt.run(to, id, from).changes === 1;
  }

  /**
   * draft → open (freezing the round's coverage in the same transaction: no import can slip in between) or
   * open → closed, recording the time. False when the round was not in the state the change starts from.
   */
  setState(id: number, to: 'open' | 'closed'): boolean {
    const stmt = to === 'open' ? this.openStmt : this.closeStmt;
    const changed = writeTransaction(this.db, () => {
      if (stmt.run(new Date().toISOString(), id).changes !== 1) return false;
      if (to === 'open') this.freezeCoverageStmt.run(id, id, id);
      return true;
    });
    // Opening and closing take effect on resident links at once (see setup-watch.ts).
    if (changed) noteSetupChange(this.db);
    return changed;
  }

  getByCode(code: string): Round | undefined {
    const r = this.byCodeStmt.get(code);
    return r ? this.toRound(r) : undefined;
  }

  getById(id: number): Round | undefined {
    const r = this.byIdStmt.get(id);
    return r ? this.toRound(r) : undefined;
  }

  /** Newest period first (then newest created). */
  list(): Round[] {
    return this.listStmt.all().map((r) => this.toRound(r));
  }

  /** The open round covering this grid (the newest period when several are open), from the frozen coverages. */
  openRoundForGrid(gridId: number): Round | undefined {
    const r = this.openForGridStmt.get(gridId);
    return r ? this.toRound(r) : undefined;
  }

  /**
   * Another open round that collects web answers in some of this round's grids (the newest when several do), or
   * undefined: the link's holder a round's opening and links page speak of (features/rounds/core/link-ownership.ts).
   */
  webLinkHolder(round: Round): LinkHolder | undefined {
    const r = this.webHolderStmt.get(round.id, JSON.stringify(this.gridIds(round)));
    return r && { code: r.code, surveyTitle: r.title, period: r.period, sharedGrids: r.shared };
  }

  /** The newest round of any state covering this grid (to tell a resident a round is over or not yet open). */
  latestForGrid(gridId: number): Round | undefined {
    const r = this.latestForGridStmt.get(gridId, gridId);
    return r ? this.toRound(r) : undefined;
  }

  /** True when the grid is part of the round: its frozen coverage, or for a draft one of its units or below one. */
  coversGrid(round: Round, gridId: number): boolean {
    if (round.state === 'draft') return (this.coversStmt.get(gridId, round.id)?.n ?? 0) > 0;
    return (this.coversFrozenStmt.get(round.id, gridId)?.n ?? 0) > 0;
  }

  /** Every grid of the round (its frozen coverage once opened), ordered by code. */
  gridIds(round: Round): number[] {
    const stmt = round.state === 'draft' ? this.gridIdsStmt : this.gridIdsFrozenStmt;
    return stmt.all(round.id).map((g) => g.id);
  }
}
