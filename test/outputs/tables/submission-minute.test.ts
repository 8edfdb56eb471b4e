// The raw export's submission time: Beijing time to the minute, an empty cell for a value that is no time.
import t from 'tap';
import { submissionMinute } from '../../../server/outputs/tables/responses-table.js';

t.test('stored UTC times print in Beijing time, to the minute', async (t) => {
  t.equal(submissionMinute('2026-03-05T06:07:59.999Z'), '2026-03-05 14:07');
  t.equal(submissionMinute('2026-03-04T16:00:00.000Z'), '2026-03-05 00:00', 'midnight in Beijing is the next day');
  t.equal(submissionMinute('not a time'), '');
});
