// TEMPORARY skeleton, replaced by its owner.
import type { Db } from './db.js';

export class SurveysRepo {
  constructor(private readonly db: Db) {}
}
