import { loadConfig, withDataDir } from '@app/config';
import type { Actor, Authority, Role, UserCommand } from '@app/budgeting';

/** The CLI acts as the installation's administrator, by the hand of whoever runs it. */
const CLI_ACTOR: Actor = { userId: 'system:cli', name: 'budget CLI', role: 'admin', unit: null };

export interface UserToRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly unit: string | null;
  readonly authority: Authority | null;
}

/**
 * Records the user (and an approver's delegation) in the event log, so the audit trail
 * says who could act and on what decision. Secrets stay in auth.sqlite, never in the log.
 * A delegation needs the decision it rests on; without one it is not recorded and the
 * caller is told so (returns false).
 */
export async function recordUserInLog(
  dataDir: string,
  user: UserToRecord,
  basis: string | null,
  today: string,
): Promise<boolean> {
  const [{ createEventStore }, { decideOnStream }, { userDecider, streamIdForUser }] =
    await Promise.all([
      import('@app/event-store'),
      import('@app/application'),
      import('@app/budgeting'),
    ]);
  const store = createEventStore(withDataDir(loadConfig(), dataDir).eventStore);
  try {
    const context = (step: string) => ({
      actor: CLI_ACTOR,
      commandId: `cli:users:${user.id}:${step}`,
      correlationId: `cli:users:${user.id}`,
      causationId: null,
      effectiveDate: today,
      recordedOn: today,
    });
    // The same handler as the API's reference routes, without a bus.
    const run = (step: string, command: UserCommand) =>
      decideOnStream(store, context(step), streamIdForUser(user.id), userDecider, command);
    await run('register', {
      type: 'RegisterUser',
      actor: CLI_ACTOR,
      on: today,
      data: { userId: user.id, name: user.name, role: user.role, unit: user.unit },
    });
    if (!user.authority) return true;
    if (!basis) return false;
    const a = user.authority;
    await run('delegate', {
      type: 'DelegateAuthority',
      actor: CLI_ACTOR,
      on: today,
      data: {
        userId: user.id,
        delegationId: `${user.id}-1`,
        capacity: a.capacity,
        // The title defaults to the capacity when the command line gave none.
        title: a.title || a.capacity,
        programParts: a.programParts,
        units: a.units,
        validFrom: a.validFrom ?? today,
        validTo: a.validTo,
        legalBasis: [basis],
      },
    });
    return true;
  } finally {
    await store.close();
  }
}
