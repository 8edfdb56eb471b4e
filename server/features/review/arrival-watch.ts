// Judges each arriving response against the round's anomaly thresholds (features/review/core) from what it remembers of
// recent arrivals. The recent windows (arrival times, keyed network hashes, answer patterns of the last hour) live in
// memory only: a network hash is never written to disk and is forgotten within about an hour, and everything of a
// round once it is no longer open. The hourly history a restart would lose is read back from the stored and held
// responses the first time a round is judged.
import { createHmac } from 'node:crypto';
import { isIPv4 } from 'node:net';
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import type { Answers } from '../../core/survey/model.js';
import { answerPattern, holdReasons, type HoldReason } from './core/anomaly.js';
import { burstThreshold, perGridRates } from './core/rates.js';
import type { IntegritySettings } from './core/settings.js';

const HOUR_MS = 60 * 60 * 1000;
/** How often windows of grids that went quiet and rounds no longer open are swept. */
const SWEEP_MS = 5 * 60 * 1000;

interface GridWindow {
  villageId: number;
  /** Arrival times of the last hour. */
  recent: number[];
  byNetwork: Map<string, number[]>;
  byPattern: Map<string, number[]>;
  hourly: Map<number, number>;
  total: number;
  threshold?: { hour: number; settings: string; value: number };
}

interface RoundWatch {
  /** The round's settings as last read (from their stored text), and their JSON (the burst threshold's cache key). */
  settings?: { stored: string | undefined; value: IntegritySettings; json: string };
  grids: Map<number, GridWindow>;
  villages: Map<number, { hourly: Map<number, number>; grids: number }>;
}

/** Why an arrival is held (none: it counts), and how to take it out of the windows again. */
export interface Judged {
  reasons: HoldReason[];
  withdraw: () => void;
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

/** The network of an address: the address itself for IPv4, its /64 for IPv6 (one household or phone). */
export function networkOf(address: string): string {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(v4)) return v4;
  return address.toLowerCase().split(':').slice(0, 4).join(':');
}

/** The times after `since`, then `now`: in place when nothing expired (an arrival costs O(1), not a copy of the hour). */
function keptWith(times: number[], since: number, now: number): number[] {
  const kept = pruned(times, since);
  kept.push(now);
  return kept;
}

function pruned(times: number[], since: number): number[] {
  let i = 0;
  while (i < times.length && times[i] <= since) i++;
  return i === 0 ? times : times.slice(i);
}

function bump(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
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
    const watch = this.watchOf(arrival.round);
    const grid = this.gridOf(watch, arrival.gridId);
    const { value: settings, json } = this.settingsOf(watch, arrival.round.id);
    const since = now - HOUR_MS;
    const network = createHmac('sha256', this.secret).update(`network:${arrival.round.id}:${networkOf(arrival.address)}`).digest('base64url');
    const pattern = arrival.judgePattern ? answerPattern(arrival.answers) : null;
    const threshold = this.thresholdOf(grid, Math.floor(now / HOUR_MS), json, () =>
      burstThreshold(...this.history(watch, grid, Math.floor(now / HOUR_MS)), settings),
    );

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
    bump(grid.hourly, Math.floor(now / HOUR_MS));
    const village = watch.villages.get(grid.villageId);
    if (village) bump(village.hourly, Math.floor(now / HOUR_MS));

    const reasons = holdReasons(
      { gridLastHour: grid.recent.length, burstThreshold: threshold, networkLastHour: fromNetwork.length, gridTotal: grid.total, quota: arrival.round.quotaPerGrid, samePattern },
      settings,
    );
    return { reasons, withdraw: () => this.withdraw(watch, grid, now, network, pattern) };
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

  /** Takes one arrival recorded at `at` out of a grid's windows and counts. */
  private withdraw(watch: RoundWatch, grid: GridWindow, at: number, network: string, pattern: string | null): void {
    const drop = (times: number[] | undefined) => {
      const i = times ? times.lastIndexOf(at) : -1;
      if (times && i >= 0) times.splice(i, 1);
    };
    drop(grid.recent);
    drop(grid.byNetwork.get(network));
    if (pattern !== null) drop(grid.byPattern.get(pattern));
    grid.total -= 1;
    const hour = Math.floor(at / HOUR_MS);
    grid.hourly.set(hour, (grid.hourly.get(hour) ?? 1) - 1);
    const village = watch.villages.get(grid.villageId);
    if (village) village.hourly.set(hour, (village.hourly.get(hour) ?? 1) - 1);
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

  /** The burst threshold of a grid, computed once per hour and settings (a median over the round's hours). */
  private thresholdOf(grid: GridWindow, hour: number, settings: string, compute: () => number): number {
    const known = grid.threshold;
    if (known && known.hour === hour && known.settings === settings) return known.value;
    const value = compute();
    grid.threshold = { hour, settings, value };
    return value;
  }

  /** Past active hours' counts of the grid, and of its village spread over the village's grids. */
  private history(watch: RoundWatch, grid: GridWindow, hour: number): [number[], number[]] {
    const past = (hourly: Map<number, number>) => [...hourly].filter(([h, n]) => h < hour && n > 0).map(([, n]) => n);
    const village = watch.villages.get(grid.villageId);
    return [past(grid.hourly), village ? perGridRates(past(village.hourly), village.grids) : []];
  }

  private watchOf(round: Round): RoundWatch {
    let watch = this.rounds.get(round.id);
    if (watch) return watch;
    watch = { grids: new Map(), villages: new Map() };
    const villageOf = new Map<number, number>();
    for (const gridId of this.repos.rounds.gridIds(round)) {
      const villageId = this.repos.units.getById(gridId)?.parentId ?? 0;
      villageOf.set(gridId, villageId);
      const village = watch.villages.get(villageId) ?? { hourly: new Map<number, number>(), grids: 0 };
      village.grids += 1;
      watch.villages.set(villageId, village);
      watch.grids.set(gridId, { villageId, recent: [], byNetwork: new Map(), byPattern: new Map(), hourly: new Map(), total: 0 });
    }
    for (const { gridId, hour, n } of this.repos.review.hourlyArrivals(round.id)) {
      const grid = watch.grids.get(gridId);
      if (!grid) continue;
      grid.hourly.set(hour, (grid.hourly.get(hour) ?? 0) + n);
      grid.total += n;
      const village = watch.villages.get(villageOf.get(gridId) ?? 0);
      if (village) village.hourly.set(hour, (village.hourly.get(hour) ?? 0) + n);
    }
    this.rounds.set(round.id, watch);
    return watch;
  }

  private gridOf(watch: RoundWatch, gridId: number): GridWindow {
    let grid = watch.grids.get(gridId);
    if (!grid) {
      // A grid added to the round's units after it was first judged: no history yet.
      grid = { villageId: 0, recent: [], byNetwork: new Map(), byPattern: new Map(), hourly: new Map(), total: 0 };
      watch.grids.set(gridId, grid);
    }
    return grid;
  }

  /** Forgets rounds no longer open and windows older than an hour (network hashes included). */
  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_MS) return;
    this.lastSweep = now;
    for (const [roundId, watch] of this.rounds) {
      if (this.repos.rounds.getById(roundId)?.state !== 'open') {
        this.rounds.delete(roundId);
        continue;
      }
      for (const grid of watch.grids.values()) {
        grid.recent = pruned(grid.recent, now - HOUR_MS);
        for (const [key, times] of grid.byNetwork) if (times[times.length - 1] <= now - HOUR_MS) grid.byNetwork.delete(key);
        // Pattern windows may be set up to a day; patterns are answers, not addresses.
        for (const [key, times] of grid.byPattern) if (times[times.length - 1] <= now - 24 * HOUR_MS) grid.byPattern.delete(key);
      }
    }
  }
}
