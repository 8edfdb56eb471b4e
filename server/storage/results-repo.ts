// TEMPORARY skeleton, replaced by its owner.
import type { Db } from './db.js';

export class ResultsRepo {
  constructor(private readonly db: Db) {}
}
