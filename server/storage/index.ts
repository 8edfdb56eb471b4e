// Builds every repository from one database handle; statements are prepared once, here.
import type { Db } from './db.js';
import { SettingsRepo } from './settings-repo.js';
import { UnitsRepo } from './units-repo.js';
import { SurveysRepo } from './surveys-repo.js';
import { RoundsRepo } from './rounds-repo.js';
import { ResponsesRepo } from './responses-repo.js';
import { ReceiptsRepo } from './receipts-repo.js';
import { UsersRepo } from './users-repo.js';
import { ResultsRepo } from './results-repo.js';

export interface Repos {
  settings: SettingsRepo;
  units: UnitsRepo;
  surveys: SurveysRepo;
  rounds: RoundsRepo;
  responses: ResponsesRepo;
  receipts: ReceiptsRepo;
  users: UsersRepo;
  results: ResultsRepo;
}

export function createRepos(db: Db): Repos {
  return {
    settings: new SettingsRepo(db),
    units: new UnitsRepo(db),
    surveys: new SurveysRepo(db),
    rounds: new RoundsRepo(db),
    responses: new ResponsesRepo(db),
    receipts: new ReceiptsRepo(db),
    users: new UsersRepo(db),
    results: new ResultsRepo(db),
  };
}
