// Judges each arriving response against the round's anomaly thresholds (features/review/core) from what it remembers of
// recent arrivals. The recent windows (arrival times, keyed network hashes, answer patterns of the last hour) live in
// memory only, and everything of a round once it is no longer open. The hourly history a restart would lose is read
// back from the stored and held responses the first time a round is judged. A grid's village and township are judged
// like the grid (their own last hour against their own usual rate), and a network across the whole round: where it
// answered and how often is read from the keyed network hashes stored with the round's web arrivals while the round is
// open (docs/rules.md#review-across-grids-and-the-round); a network seen answering in several grids has what it already
// got counted held again.
import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import type { Answers } from '../../core/survey/model.js';
import { answerPattern, holdReasons, type HoldReason } from './core/anomaly.js';
import { areaBurstThreshold, burstThreshold, perGridRates } from './core/rates.js';
import type { IntegritySettings } from './core/settings.js';
import {
  HOUR_MS, bump, cachedThreshold, dropTime, keptWith, newArea, pastActiveHours, pruned, type AreaWindow, type CachedThreshold,
} from './windows.js';

/** How often windows of grids that went quiet and rounds no longer open are swept. */
const SWEEP_MS = 5 * 60 * 1000;

interface GridWindow {
  /** Its village, then its township (either may be missing from a partial unit tree). */
  village?: AreaWindow;
  township?: AreaWindow;
  /** Arrival times of the last hour. */
  recent: number[];
  byNetwork: Map<string, number[]>;
  byPattern: Map<string, number[]>;
  hourly: Map<number, number>;
  total: number;
  threshold?: CachedThreshold;
}

interface RoundWatch {
  /** The round's settings as last read (from their stored text), and their JSON (the burst threshold's cache key). */
  settings?: { stored: string | undefined; value: IntegritySettings; json: string };
  grids: Map<number, GridWindow>;
  /** Villages and townships by unit id. */
  areas: Map<number, AreaWindow>;
}

/** Why an arrival is held (none: it counts), and how to take it out of the windows again. */
export interface Judged {
  reasons: HoldReason[];
  /** The keyed hash of the arrival's network in its round, stored with it while the round is open (migration 028). */
  networkKey: string;
  withdraw: () => void;
  /** Once the arrival is stored: a network seen in too many grids has its counted responses held again. */
  stored: () => void;
}

export interface Arrival {
  round: Round;
  gridId: number;
  /** The client address as the server saw it; only a keyed hash of its network is kept. */
  address: string;
  answers: Answers;
  /** Screened-out answers all look alike: their pattern is not judged. */
  judgePattern: boolean;
}

/** The 16-bit groups of an IPv6 address, '::' expanded (an embedded IPv4 tail counts as two groups). */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const left = head ? head.split(':') : [];
  if (tail === undefined) return left;
  const right = tail ? tail.split(':') : [];
  const width = right.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  return [...left, ...Array<string>(Math.max(0, 8 - left.length - width)).fill('0'), ...right];
}

/**
 * The network of an address: the address itself for IPv4, its /64 for IPv6 (one household or phone), however the
 * address is written (zeros compressed or not, upper or lower case), so rotating addresses inside one /64 is one network.
 */
export function networkOf(address: string): string {
  const lower = address.toLowerCase();
  const v4 = lower.startsWith('::ffff:') ? lower.slice(7) : lower;
  if (isIPv4(v4)) return v4;
  const bare = lower.split('%')[0];
  if (!isIPv6(bare)) return bare;
  return `${ipv6Groups(bare).slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16)).join(':')}::/64`;
}

export class ArrivalWatch {
  private readonly rounds = new Map<number, RoundWatch>();
  private readonly roundsThisTurn = new Map<number, Round | undefined>();
  private lastSweep = 0;

  constructor(
    private readonly repos: Repos,
    private readonly secret: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records the arrival and says why it must be held (none: count it). */
  judge(arrival: Arrival): HoldReason[] {
    return this.judgeArrival(arrival).reasons;
  }

  /**
   * Records the arrival and says why it must be held; `withdraw` takes it out of the windows again, for an arrival the
   * write then refused (a duplicate found in the write's transaction is not an arrival of its own).
   */
  judgeArrival(arrival: Arrival): Judged {
    const now = this.clock();
    this.sweep(now);
    const { round, gridId } = arrival;
    const watch = this.watchOf(round);
    const grid = this.gridOf(watch, gridId);
    const { value: settings, json } = this.settingsOf(watch, round.id);
    const since = now - HOUR_MS;
    const hour = Math.floor(now / HOUR_MS);
    const network = createHmac('sha256', this.secret).update(`network:${round.id}:${networkOf(arrival.address)}`).digest('base64url');
    const pattern = arrival.judgePattern ? answerPattern(arrival.answers) : null;
    const threshold = cachedThreshold(grid, hour, json, () => burstThreshold(...this.history(grid, hour), settings));
    // The network over the round as stored before this arrival (this batch's earlier arrivals included).
    const byGrid = this.repos.review.networkArrivals(round.id, network);
    byGrid.set(gridId, (byGrid.get(gridId) ?? 0) + 1);

    grid.recent = keptWith(grid.recent, since, now);
    const fromNetwork = keptWith(grid.byNetwork.get(network) ?? [], since, now);
    grid.byNetwork.set(network, fromNetwork);
    let samePattern = 0;
    if (pattern !== null) {
      const times = keptWith(grid.byPattern.get(pattern) ?? [], now - settings.patternWindowMinutes * 60 * 1000, now);
      grid.byPattern.set(pattern, times);
      samePattern = times.length;
    }
    grid.total += 1;
    bump(grid.hourly, hour);
    let areaBurst = false;
    for (const area of this.areasOf(grid)) {
      const limit = cachedThreshold(area, hour, json, () => areaBurstThreshold(pastActiveHours(area.hourly, hour), settings));
      area.recent = keptWith(area.recent, since, now);
      bump(area.hourly, hour);
      if (area.recent.length > limit) areaBurst = true;
    }

    const reasons = holdReasons({
      gridLastHour: grid.recent.length, burstThreshold: threshold, networkLastHour: fromNetwork.length, gridTotal: grid.total,
      quota: round.quotaPerGrid, samePattern, networkGrids: byGrid.size, networkRound: [...byGrid.values()].reduce((a, b) => a + b, 0), areaBurst,
    }, settings);
    return {
      reasons,
      networkKey: network,
      withdraw: () => this.withdraw(grid, now, network, pattern),
      stored: () => {
        if (reasons.includes('spread')) this.repos.review.recallNetwork(round.id, network, ['spread']);
      },
    };
  }

  /**
   * As judgeArrival, for a response the writer is about to store (response-writer.ts): its round as stored now, the
   * pattern judged for completed answers only (screened-out answers all look alike). Null for an unknown round.
   */
  judgeResponse(response: { roundId: number; gridId: number; address: string; answers: Answers; status: string }): Judged | null {
    const round = this.roundOf(response.roundId);
    if (!round) return null;
    return this.judgeArrival({
      round, gridId: response.gridId, address: response.address, answers: response.answers, judgePattern: response.status === 'complete',
    });
  }

  /**
   * A round as stored, read once per turn of the event loop: the writer judges a whole batch in one turn, and its
   * transaction checks the round's state again for each response anyway.
   */
  private roundOf(roundId: number): Round | undefined {
    if (!this.roundsThisTurn.has(roundId)) {
      if (this.roundsThisTurn.size === 0) setImmediate(() => this.roundsThisTurn.clear());
      this.roundsThisTurn.set(roundId, this.repos.rounds.getById(roundId));
    }
    return this.roundsThisTurn.get(roundId);
  }

  /** Takes one arrival recorded at `at` out of a grid's windows and counts, and out of its village's and township's. */
  private withdraw(grid: GridWindow, at: number, network: string, pattern: string | null): void {
    dropTime(grid.recent, at);
    dropTime(grid.byNetwork.get(network), at);
    if (pattern !== null) dropTime(grid.byPattern.get(pattern), at);
    grid.total -= 1;
    const hour = Math.floor(at / HOUR_MS);
    bump(grid.hourly, hour, -1);
    for (const area of this.areasOf(grid)) {
      dropTime(area.recent, at);
      bump(area.hourly, hour, -1);
    }
  }

  private areasOf(grid: GridWindow): AreaWindow[] {
    return [grid.village, grid.township].filter((a): a is AreaWindow => a !== undefined);
  }

  /**
   * The round's settings, parsed again only when their stored text changed. Read from storage for every arrival: the
   * watch runs on the response writer's thread, while staff save settings through the server's own connection.
   */
  private settingsOf(watch: RoundWatch, roundId: number): { value: IntegritySettings; json: string } {
    const stored = this.repos.review.storedSettings(roundId);
    if (watch.settings && watch.settings.stored === stored) return watch.settings;
    const value = this.repos.review.settings(roundId);
    watch.settings = { stored, value, json: JSON.stringify(value) };
    return watch.settings;
  }

  /** Past active hours' counts of the grid, and of its village spread over the village's grids. */
  private history(grid: GridWindow, hour: number): [number[], number[]] {
    const village = grid.village;
    return [pastActiveHours(grid.hourly, hour), village ? perGridRates(pastActiveHours(village.hourly, hour), village.grids) : []];
  }

  /** The village and township of a grid in this round's watch, created on first sight. */
  private areaOf(watch: RoundWatch, unitId: number | null | undefined): AreaWindow | undefined {
    if (unitId === null || unitId === undefined) return undefined;
    let area = watch.areas.get(unitId);
    if (!area) {
      area = newArea();
      watch.areas.set(unitId, area);
    }
    return area;
  }

  private watchOf(round: Round): RoundWatch {
    let watch = this.rounds.get(round.id);
    if (watch) return watch;
    watch = { grids: new Map(), areas: new Map() };
    for (const gridId of this.repos.rounds.gridIds(round)) {
      const villageId = this.repos.units.getById(gridId)?.parentId;
      const townshipId = villageId === null || villageId === undefined ? undefined : this.repos.units.getById(villageId)?.parentId;
      const grid: GridWindow = { ...this.emptyGrid(), village: this.areaOf(watch, villageId), township: this.areaOf(watch, townshipId) };
      for (const area of this.areasOf(grid)) area.grids += 1;
      watch.grids.set(gridId, grid);
    }
    for (const { gridId, hour, n } of this.repos.review.hourlyArrivals(round.id)) {
      const grid = watch.grids.get(gridId);
      if (!grid) continue;
      bump(grid.hourly, hour, n);
      grid.total += n;
      for (const area of this.areasOf(grid)) bump(area.hourly, hour, n);
    }
    this.rounds.set(round.id, watch);
    return watch;
  }

  private emptyGrid(): GridWindow {
    return { recent: [], byNetwork: new Map(), byPattern: new Map(), hourly: new Map(), total: 0 };
  }

  private gridOf(watch: RoundWatch, gridId: number): GridWindow {
    let grid = watch.grids.get(gridId);
    if (!grid) {
      // A grid added to the round's units after it was first judged: no history yet.
      grid = this.emptyGrid();
      watch.grids.set(gridId, grid);
    }
    return grid;
  }

  /** Forgets rounds no longer open and windows older than an hour (network hashes included). */
  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_MS) return;
    this.lastSweep = now;
    // The network keys of rounds no longer open serve nothing more (migration 028).
    this.repos.review.forgetClosedNetworks();
    for (const [roundId, watch] of this.rounds) {
      if (this.repos.rounds.getById(roundId)?.state !== 'open') {
        this.rounds.delete(roundId);
        continue;
      }
      for (const grid of watch.grids.values()) {
        grid.recent = pruned(grid.recent, now - HOUR_MS);
        for (const area of this.areasOf(grid)) area.recent = pruned(area.recent, now - HOUR_MS);
        for (const [key, times] of grid.byNetwork) if (times[times.length - 1] <= now - HOUR_MS) grid.byNetwork.delete(key);
        // Pattern windows may be set up to a day; patterns are answers, not addresses.
        for (const [key, times] of grid.byPattern) if (times[times.length - 1] <= now - 24 * HOUR_MS) grid.byPattern.delete(key);
      }
    }
  }
}
