// The command table: one file per command group; add a group by importing it and listing it here.
import type { CliCommand } from '../context.js';
import { unitsCommands } from './units.js';
import { roundsCommands } from './rounds.js';
import { responsesCommands } from './responses.js';
import { simulateCommands } from './simulate.js';
import { resultsCommands } from './results.js';
import { backupCommands } from './backup.js';
import { usersCommands } from './users.js';
import { rosterCommands } from './roster.js';
import { planCommands } from './plan.js';

export const COMMANDS: readonly CliCommand[] = [
  ...unitsCommands,
  ...roundsCommands,
  ...responsesCommands,
  ...simulateCommands,
  ...resultsCommands,
  ...backupCommands,
  ...usersCommands,
  ...rosterCommands,
  ...planCommands,
];
