// Opening and closing a round, the same for the staff pages and the CLI. Each change is one transaction that takes
// the write lock up front (BEGIN IMMEDIATE): the conditional UPDATE (rounds-service.ts: changes === 1, else RoundStateError),
// and the audit entry. Closing records in that transaction the round's completed responses (one COUNT from an
// index): responses and the close are serialised by the write lock, and every write that enters a round's results
// reads the round's state inside its own transaction, so a response is either committed before the close — and
// counted — or refused after it. The results are then frozen after the commit, from a read snapshot, without the
// write lock (residents' answers to other rounds go on) and, for the staff pages, off the event loop
// (docs/rules.md#closing-a-round): nothing they are computed from changes once the close committed, so the freeze,
// or a later one after a crash before it was stored, holds exactly the responses counted at the close. The audit
// action is `round.open` / `round.close` whoever acts, so a change made from the CLI shows in the round's history;
// the detail says who acted.
import type { Db } from '../../platform/db.js';
import { reusableWriteTransaction } from '../../platform/write-transaction.js';
import { isCli, type Actor } from '../../core/auth/actor.js';
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import { getRoundResults } from '../results/round-results.js';
import { freezeClosedRound } from '../results/results-ready.js';
import { completedResponses } from '../results/results-service.js';
import { ownTurn } from '../../platform/loop-turns.js';
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
      this.record(actor, 'round.close', { round: closed.code, complete: completedResponses(this.repos, closed.id) });
      return closed;
    });
  }

  /** draft → open. Throws RoundStateError (a Chinese message) from any other state, changing nothing. */
  open(roundId: number, actor: Actor): Round {
    return this.openTxn(roundId, actor);
  }

  /**
   * open → closed with its results frozen, computed in this thread (the CLI, a process of its own). Throws
   * RoundStateError from any other state, changing nothing.
   */
  close(roundId: number, actor: Actor): Round {
    const closed = this.closeTxn(roundId, actor);
    getRoundResults(this.repos, closed);
    return closed;
  }

  /** The same for the server: resolves once the results are frozen, computed without holding the event loop. */
  async closeOffLoop(roundId: number, actor: Actor): Promise<Round> {
    const closed = this.closeTxn(roundId, actor);
    // The close's transaction (its COUNT, its commit) and the freeze's first look at the round (its size, its tree)
    // take 10–25 ms each at 200,000 responses: in turns of their own, other requests served between them.
    await ownTurn();
    await freezeClosedRound(this.repos, closed);
    return closed;
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

  /** As change, for the server: a close freezes the results off the event loop (closeOffLoop). */
  async changeOffLoop(action: RoundTransition, roundId: number, actor: Actor): Promise<Round> {
    return action === 'open' ? this.open(roundId, actor) : this.closeOffLoop(roundId, actor);
  }
}
