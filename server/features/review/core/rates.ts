// "Far above usual" for a grid's hourly arrivals, with robust statistics: the median and the median absolute
// deviation (MAD) of past hourly counts. Unlike a mean and standard deviation, neither is dragged up by the very
// burst being judged, nor by one busy market day.
import { median, medianAbsoluteDeviation } from 'simple-statistics';
import type { IntegritySettings } from './settings.js';

/** Fewer past active hours than this say nothing about what is usual: the floor alone applies. */
export const MIN_HISTORY_HOURS = 4;

export interface Baseline {
  median: number;
  mad: number;
}

/** Median and MAD of hourly counts, or null when there are too few hours to speak of a usual rate. */
export function baselineOf(hourlyCounts: readonly number[]): Baseline | null {
  if (hourlyCounts.length < MIN_HISTORY_HOURS) return null;
  return { median: median([...hourlyCounts]), mad: medianAbsoluteDeviation([...hourlyCounts]) };
}

/** A village's hourly counts spread over its grids: what one of its grids usually gets in an hour. */
export function perGridRates(villageHourlyCounts: readonly number[], villageGrids: number): number[] {
  const grids = Math.max(1, villageGrids);
  return villageHourlyCounts.map((n) => n / grids);
}

function thresholdOf(baseline: Baseline | null, settings: IntegritySettings): number {
  if (!baseline) return 0;
  // A MAD of 0 (every past hour alike) would make one arrival more a burst: count at least one arrival of spread.
  return baseline.median + settings.burstMadMultiplier * Math.max(1, baseline.mad);
}

/**
 * Arrivals in an hour above which a grid's hour is a burst: far above both the grid's own usual rate and what a grid
 * of its village usually gets (a grid quiet so far is not flagged for catching up with its neighbours), and never
 * below the round's floor. Counts are of past hours in which the grid (or village) received anything: hours when
 * nobody is being reached (nights) say nothing about the usual rate.
 */
export function burstThreshold(
  gridHourly: readonly number[],
  villagePerGridHourly: readonly number[],
  settings: IntegritySettings,
): number {
  return Math.max(
    settings.burstMinPerHour,
    thresholdOf(baselineOf(gridHourly), settings),
    thresholdOf(baselineOf(villagePerGridHourly), settings),
  );
}

/**
 * Arrivals in an hour above which a village's or township's hour is a burst: judged like a grid's, against the area's
 * own past active hours, and never below the round's area floor (docs/rules.md#review-across-grids-and-the-round).
 */
export function areaBurstThreshold(areaHourly: readonly number[], settings: IntegritySettings): number {
  return Math.max(settings.areaBurstMinPerHour, thresholdOf(baselineOf(areaHourly), settings));
}
