// "Far above usual" against medians and median absolute deviations worked out by hand.
import t from 'tap';
import { baselineOf, burstThreshold, MIN_HISTORY_HOURS, perGridRates } from '../../../../server/features/review/core/rates.js';
import { DEFAULT_INTEGRITY_SETTINGS, type IntegritySettings } from '../../../../server/features/review/core/settings.js';

const settings = (over: Partial<IntegritySettings> = {}): IntegritySettings => ({ ...DEFAULT_INTEGRITY_SETTINGS, ...over });

t.test('baseline: median and MAD of past hourly counts', async (t) => {
  // [2, 3, 3, 4, 10]: median 3; |x − 3| = 1, 0, 0, 1, 7 → sorted 0, 0, 1, 1, 7 → MAD 1. The busy hour (10) moves neither.
  t.same(baselineOf([2, 3, 3, 4, 10]), { median: 3, mad: 1 });
  // [2, 4, 3, 6]: median (3 + 4) / 2 = 3.5; |x − 3.5| = 1.5, 0.5, 0.5, 2.5 → median (0.5 + 1.5) / 2 = 1.
  t.same(baselineOf([2, 4, 3, 6]), { median: 3.5, mad: 1 });
  t.equal(baselineOf([5, 5, 5]), null, `fewer than ${MIN_HISTORY_HOURS} hours say nothing about what is usual`);
});

t.test('a village spread over its grids', async (t) => {
  t.same(perGridRates([20, 40, 30, 60], 10), [2, 4, 3, 6]);
  t.same(perGridRates([3], 0), [3], 'a village without grids counts as one');
});

t.test('burst threshold: the larger of the grid’s and the village’s, never below the floor', async (t) => {
  // Grid: 3 + 5 × 1 = 8. Village (per grid): 3.5 + 5 × 1 = 8.5.
  t.equal(burstThreshold([2, 3, 3, 4, 10], [], settings({ burstMinPerHour: 1 })), 8);
  t.equal(burstThreshold([2, 3, 3, 4, 10], perGridRates([20, 40, 30, 60], 10), settings({ burstMinPerHour: 1 })), 8.5);
  t.equal(burstThreshold([2, 3, 3, 4, 10], [], settings({ burstMinPerHour: 15 })), 15, 'the floor');
  // Every hour alike: MAD 0 counts as 1, so 4 + 5 × 1 = 9 (not 4, which one more arrival would pass).
  t.equal(burstThreshold([4, 4, 4, 4], [], settings({ burstMinPerHour: 1 })), 9);
  // k = 2: 3 + 2 × 1 = 5.
  t.equal(burstThreshold([2, 3, 3, 4, 10], [], settings({ burstMinPerHour: 1, burstMadMultiplier: 2 })), 5);
  t.equal(burstThreshold([], [], settings()), DEFAULT_INTEGRITY_SETTINGS.burstMinPerHour, 'no history: the floor alone');
});
