// Opening and closing a round, the same for the staff pages and the CLI. Each change is one transaction that takes
// the write lock up front (BEGIN IMMEDIATE): the conditional UPDATE (rounds-service.ts: changes === 1, else RoundStateError),
// and the audit entry. Closing also computes the round's results and stores them as its frozen results in that same
// transaction: responses and the close are serialised by the write lock, and every response write reads the round's
// state inside its own transaction (ResponsesRepo), so a response is either committed before the close — and in the
// frozen results — or refused after it. The audit action is `round.open` / `round.close` whoever acts, so a change
// made from the CLI shows in the round's history; the detail says who acted.
import type { Db } from '../../platform/db.js';
import { reusableWriteTransaction } from '../../platform/write-transaction.js';
import { isCli, type Actor } from '../../core/auth/actor.js';
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import type { RoundResults } from '../../core/results/types.js';
import { freezeRoundResults } from '../results/round-results.js';
import { linkHeldProblem, takesWebAnswers } from './core/link-ownership.js';
import { RoundStateError, closeRoundById, openRoundById } from './rounds-service.js';

/** Opening refused: another open round collects the web answers of some of the round's grids (link-ownership.ts). */
export class RoundLinkTaken extends RoundStateError {
  constructor(message: string) {
    super(message);
    this.name = 'RoundLinkTaken';
  }
}

export type RoundTransition = 'open' | 'close';

/** Completed interviews in the frozen results: the sum over the round's grids. */
function frozenComplete(results: RoundResults): number {
  let n = 0;
  for (const unit of Object.values(results.units)) if (unit.level === 'grid') n += unit.n;
  return n;
}

export class RoundLifecycle {
  private readonly openTxn;
  private readonly closeTxn;

  constructor(db: Db, private readonly repos: Repos) {
    this.openTxn = reusableWriteTransaction(db, (roundId: number, actor: Actor) => {
      this.refuseIfLinkTaken(roundId);
      const opened = openRoundById(this.repos, roundId);
      this.record(actor, 'round.open', { round: opened.code });
      return opened;
    });
    this.closeTxn = reusableWriteTransaction(db, (roundId: number, actor: Actor) => {
      const closed = closeRoundById(this.repos, roundId);
      const results = freezeRoundResults(this.repos, closed);
      this.record(actor, 'round.close', { round: closed.code, complete: frozenComplete(results) });
      return closed;
    });
  }

  /** draft → open. Throws RoundStateError (a Chinese message) from any other state, changing nothing. */
  open(roundId: number, actor: Actor): Round {
    return this.openTxn(roundId, actor);
  }

  /** open → closed with its results frozen. Throws RoundStateError from any other state, changing nothing. */
  close(roundId: number, actor: Actor): Round {
    return this.closeTxn(roundId, actor);
  }

  /**
   * At most one open round takes a grid's web answers. Checked inside the opening's write transaction (BEGIN
   * IMMEDIATE), so two rounds opened at once cannot both take the same grids' links.
   */
  private refuseIfLinkTaken(roundId: number): void {
    const round = this.repos.rounds.getById(roundId);
    if (!round || round.state !== 'draft' || !takesWebAnswers(round)) return;
    const holder = this.repos.rounds.webLinkHolder(round);
    if (holder) throw new RoundLinkTaken(linkHeldProblem(round.code, holder));
  }

  private record(actor: Actor, action: 'round.open' | 'round.close', detail: Record<string, unknown>): void {
    if (isCli(actor)) this.repos.audit.record(null, action, { ...detail, by: 'cli' });
    else this.repos.audit.record(actor.userId, action, detail, actor.client);
  }

  change(action: RoundTransition, roundId: number, actor: Actor): Round {
    return action === 'open' ? this.open(roundId, actor) : this.close(roundId, actor);
  }
}
