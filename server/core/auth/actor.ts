// Who made a change, for its audit entry: a signed-in staff member (their account, and the truncated address the
// request came from, features/audit/core/client-address.ts), or the server itself — the command line or the demo
// seed — which has no account and no address. Every repository and service that records a change takes this one type.

/** A staff member acting through the web; `client` is null when the address is not known. */
export interface StaffActor {
  userId: number;
  client: string | null;
}

/** The command line (or the demo seed) on the server: no account, no address. */
export interface CliActor {
  userId: null;
  client: null;
}

export type Actor = StaffActor | CliActor;

export const CLI_ACTOR: CliActor = Object.freeze({ userId: null, client: null });

/** Whether the change came from the server itself (the command line or the demo seed) rather than a person. */
export function isCli(actor: Actor): actor is CliActor {
  return actor.userId === null;
}
