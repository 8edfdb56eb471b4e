// Fixtures of the field-work tests: the small district, an open round, and staff at every level.
import type { Repos } from '../../server/platform/repos.js';
import type { Round } from '../../server/core/rounds/round.js';
import { openRound, smallDistrict, type SmallDistrict } from './fixtures.js';
import { PASSWORD } from './app.js';
import type { NewRound } from '../../server/features/rounds/rounds-service.js';

export interface FieldWorld {
  district: SmallDistrict;
  round: Round;
  users: { committee: number; township: number; grid: number; grid2: number };
}

/** The district, an open round (overrides apply) and a committee member, a township (T1) and two grid (T1-V1-G1) accounts. */
export function fieldWorld(repos: Repos, overrides: Partial<NewRound> = {}): FieldWorld {
  const district = smallDistrict(repos);
  const round = openRound(repos, 'hunan-100', overrides);
  const make = (username: string, role: 'committee' | 'township' | 'grid', unitId: number | null) =>
    repos.users.create({ username, displayName: `${username}名`, password: PASSWORD, role, unitId }).id;
  const users = {
    committee: make('committee', 'committee', null),
    township: make('township', 'township', district.townships[0].id),
    grid: make('grid', 'grid', district.grids[0].id),
    grid2: make('grid2', 'grid', district.grids[0].id),
  };
  return { district, round, users };
}
