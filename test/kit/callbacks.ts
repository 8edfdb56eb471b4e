// Fixtures of the call-back tests: completed phone interviews of named interviewers, each with a roster contact.
import type { Repos } from '../../server/platform/repos.js';
import type { Db } from '../../server/platform/db.js';
import { build, type Teardown } from './app.js';
import { SubmissionService, directSink } from '../../server/features/responses/submissions.js';
import { gradedAnswers, surveyOf } from './bulletin.js';
import { fieldWorld, type FieldWorld } from './fieldwork.js';
import { addContacts, fakeNumber } from './cati.js';

/** Contacts handed out so far: each contact of a test database gets its own number (phone_hash is unique). */
let contacts = 0;

/**
 * n completed phone interviews of one interviewer in the first grid. `sealed`: each contact a real roster number
 * (sealed with the roster key, so a reveal opens it: cati-kit's fakeNumber); else a placeholder that only shows masked.
 */
export async function phoneInterviews(repos: Repos, db: Db, w: FieldWorld, interviewerId: number, n: number, sealed = false): Promise<number[]> {
  const service = new SubmissionService(db, repos, directSink(repos));
  const survey = surveyOf(repos, w.round);
  const grid = w.district.grids[0];
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const n = ++contacts;
    const contactId = sealed ? addContacts(db, grid.id, [fakeNumber(n)])[0] : Number(db.prepare(
      `INSERT INTO contacts (grid_id, phone_enc, phone_hash, phone_masked, category, created_at)
       VALUES (?, 'sealed', ?, '138****0000', '常住居民', '2025-01-01T00:00:00Z')`,
    ).run(grid.id, `hash-${n}`).lastInsertRowid);
    const outcome = await service.submit({
      round: w.round, gridId: grid.id, survey, channel: 'phone', answers: gradedAnswers(survey, 'best'), interviewerId, contactId,
    });
    if (outcome.kind !== 'stored') throw new Error(`not stored: ${outcome.kind}`);
    ids.push(outcome.id);
  }
  return ids;
}

/** The field world with 12 interviews by `grid` and 5 by `grid2` (contacts sealed when asked). */
export async function callbackWorld(t: Teardown, sealed = false) {
  let w: FieldWorld | undefined;
  const built = await build(t, { seed: async (repos, db) => {
    w = fieldWorld(repos);
    await phoneInterviews(repos, db, w, w.users.grid, 12, sealed);
    await phoneInterviews(repos, db, w, w.users.grid2, 5, sealed);
  } });
  if (!w) throw new Error('no world');
  return { ...built, w };
}
