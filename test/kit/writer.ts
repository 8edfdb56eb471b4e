// What the writer tests share: a fresh poll and distinct valid web responses for it.
import type { NewResponse } from '../../server/features/responses/responses-repo.js';
import { testDb, type TestDb } from './app.js';
import { preparePoll, type Poll } from './resident-poll.js';
import { answersOf } from './resident.js';

export interface WriterFixture extends TestDb {
  poll: Poll;
  /** A complete web response under this one-time key (and a device of its own), with any field replaced. */
  response(key: string, extra?: Partial<NewResponse>): NewResponse;
}

export function writerFixture(t: Parameters<typeof testDb>[0]): WriterFixture {
  const tdb = testDb(t);
  const poll = preparePoll(tdb.repos, tdb.db);
  const answers = answersOf(poll.survey);
  const response = (key: string, extra: Partial<NewResponse> = {}): NewResponse => ({
    roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', survey: poll.survey, answers,
    submissionKey: key, deviceHash: `device-${key}`, ...extra,
  });
  return { ...tdb, poll, response };
}
