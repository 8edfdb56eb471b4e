// The sliding windows and hourly counts the arrival watch keeps (arrival-watch.ts), for a grid and for the village and
// township it lies in (docs/rules.md#review-across-grids-and-the-round): arrival times of the last hour, counts per
// hour since the epoch, and the burst threshold computed once per hour and settings.

export const HOUR_MS = 60 * 60 * 1000;

export interface CachedThreshold {
  hour: number;
  settings: string;
  value: number;
}

/** A village or township: its arrivals of the last hour and per hour, and how many of the round's grids it has. */
export interface AreaWindow {
  grids: number;
  recent: number[];
  hourly: Map<number, number>;
  threshold?: CachedThreshold;
}

export function newArea(): AreaWindow {
  return { grids: 0, recent: [], hourly: new Map() };
}

/** The times after `since`, then `now`: in place when nothing expired (an arrival costs O(1), not a copy of the hour). */
export function keptWith(times: number[], since: number, now: number): number[] {
  const kept = pruned(times, since);
  kept.push(now);
  return kept;
}

export function pruned(times: number[], since: number): number[] {
  let i = 0;
  while (i < times.length && times[i] <= since) i++;
  return i === 0 ? times : times.slice(i);
}

export function bump(map: Map<number, number>, key: number, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Takes one arrival recorded at `at` out of a list of times (the last one recorded at that time). */
export function dropTime(times: number[] | undefined, at: number): void {
  const i = times ? times.lastIndexOf(at) : -1;
  if (times && i >= 0) times.splice(i, 1);
}

/** Counts of past hours (before `hour`) in which anything arrived: nights say nothing about the usual rate. */
export function pastActiveHours(hourly: Map<number, number>, hour: number): number[] {
  return [...hourly].filter(([h, n]) => h < hour && n > 0).map(([, n]) => n);
}

/** A threshold computed once per hour and settings. */
export function cachedThreshold(holder: { threshold?: CachedThreshold }, hour: number, settings: string, compute: () => number): number {
  const known = holder.threshold;
  if (known && known.hour === hour && known.settings === settings) return known.value;
  const value = compute();
  holder.threshold = { hour, settings, value };
  return value;
}
