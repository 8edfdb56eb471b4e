// Builds every repository from one database handle; statements are prepared once, here.
import type { Db } from './db.js';
import { SettingsRepo } from './settings-repo.js';
import { UnitsRepo } from '../features/units/units-repo.js';
import { SurveysRepo } from '../features/surveys/surveys-repo.js';
import { RoundsRepo } from '../features/rounds/rounds-repo.js';
import { ResponsesRepo } from '../features/responses/responses-repo.js';
import { ReceiptsRepo } from '../features/receipts/receipts-repo.js';
import { InvitesRepo } from '../features/responses/invites-repo.js';
import { UsersRepo } from '../features/accounts/users-repo.js';
import { ResultsRepo } from '../features/results/results-repo.js';
import { AuditRepo } from '../features/audit/audit-repo.js';
import { CallsRepo } from '../features/phone-interviews/calls-repo.js';
import { ApiTokensRepo } from '../features/accounts/api-tokens-repo.js';
import { SecretBox } from './secret-box.js';
import { SessionsRepo } from '../features/accounts/sessions-repo.js';
import { AccountsRepo } from '../features/accounts/accounts-repo.js';
import { ReviewRepo } from '../features/review/review-repo.js';
import { ContactsRepo } from '../features/roster/contacts-repo.js';
import { RosterKeys } from '../features/roster/roster-keys.js';
import { CallbacksRepo } from '../features/callbacks/callbacks-repo.js';
import { FieldworkRepo } from '../features/rounds/fieldwork-repo.js';
import { CatiRepo } from '../features/phone-interviews/cati-repo.js';
import { PosterRepo } from '../features/posters/poster-repo.js';
import { DocumentsRepo } from '../features/documents/documents-repo.js';
import { ForecastRepo } from '../features/forecast/forecast-repo.js';
import { ServiceMemos } from './service-memos.js';
// Honesty checks (answer modes, interviewers, coached answers).
import { InterviewersRepo } from '../features/interviewers/interviewers-repo.js';
// Invite-only rounds (入户邀请码): household codes, hashed with a key drawn from the server secret.
import { HouseholdCodesRepo } from '../features/invites/household-codes-repo.js';
import { HouseholdKeys } from '../features/invites/household-keys.js';

export interface Repos {
  settings: SettingsRepo;
  units: UnitsRepo;
  surveys: SurveysRepo;
  rounds: RoundsRepo;
  responses: ResponsesRepo;
  receipts: ReceiptsRepo;
  invites: InvitesRepo;
  users: UsersRepo;
  results: ResultsRepo;
  audit: AuditRepo;
  calls: CallsRepo;
  apiTokens: ApiTokensRepo;
  sessions: SessionsRepo;
  accounts: AccountsRepo;
  review: ReviewRepo;
  contacts: ContactsRepo;
  callbacks: CallbacksRepo;
  fieldwork: FieldworkRepo;
  cati: CatiRepo;
  posters: PosterRepo;
  documents: DocumentsRepo;
  forecast: ForecastRepo;
  // Honesty checks: response groups by mode and interviewer, staff interviews, round thresholds.
  interviewers: InterviewersRepo;
  // What services keep in memory for this database (platform/service-memos.ts): one style, no module-level caches.
  memos: ServiceMemos;
  householdCodes: HouseholdCodesRepo;
}

/** `secret`: the configured server secret (SAFEPOLL_SECRET), else the one kept in the database is used.
 * `rosterKey`: SAFEPOLL_ROSTER_KEY, the roster's own secret when set (else the server secret). */
export function createRepos(db: Db, options: { secret?: string; rosterKey?: string } = {}): Repos {
  // Responses open receipts (the receipts' own insert, passed in) and use invites inside their own transaction.
  // Receipt steps write their audit entry in their own transaction.
  const audit = new AuditRepo(db);
  const receipts = new ReceiptsRepo(db, audit);
  const invites = new InvitesRepo(db);
  const calls = new CallsRepo(db);
  const settings = new SettingsRepo(db);
  const secret = settings.secret(options.secret);
  const textBox = new SecretBox(secret);
  const rosterKeys = new RosterKeys(options.rosterKey ?? secret);
  // Account changes end sessions and write their audit entry in the same transaction.
  const sessions = new SessionsRepo(db);
  const responses = new ResponsesRepo(db, (receipt) => receipts.create(receipt), invites, textBox);
  return {
    settings,
    units: new UnitsRepo(db),
    surveys: new SurveysRepo(db, audit),
    rounds: new RoundsRepo(db),
    responses,
    receipts,
    invites,
    users: new UsersRepo(db),
    results: new ResultsRepo(db),
    audit,
    calls,
    apiTokens: new ApiTokensRepo(db),
    sessions,
    accounts: new AccountsRepo(db, audit, sessions),
    review: new ReviewRepo(db, audit, textBox),
    callbacks: new CallbacksRepo(db, audit),
    fieldwork: new FieldworkRepo(db),
    contacts: new ContactsRepo(db, rosterKeys, audit),
    // The call screen's reveal opens a roster number with the roster's own box.
    cati: new CatiRepo(db, audit, (sealed) => rosterKeys.box.open(sealed)),
    posters: new PosterRepo(db, audit),
    documents: new DocumentsRepo(db, audit),
    forecast: new ForecastRepo(db, audit),
    interviewers: new InterviewersRepo(db, audit),
    memos: new ServiceMemos(),
    householdCodes: new HouseholdCodesRepo(db, audit, new HouseholdKeys(secret)),
  };
}
