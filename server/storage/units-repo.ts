// TEMPORARY skeleton, replaced by its owner.
import type { Db } from './db.js';

export class UnitsRepo {
  constructor(private readonly db: Db) {}
}
