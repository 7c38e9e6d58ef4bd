import type { Authority, Role } from '@app/budgeting';
import type { DataSet } from './data-set';

/** A person of a data set as a sign-in account: no token, only who they are. */
export interface ImportedAccount {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly unit: string | null;
  readonly authority: Authority | null;
}

/**
 * Where accounts live. The API's CredentialStore (libs/api-state/src/sqlite/credential-store.ts)
 * fits as it is; the application layer does not import the API to name it.
 */
export interface AccountRegistry {
  getUser(id: string): unknown;
  upsertUser(user: ImportedAccount): void;
}

/**
 * The accounts of a data set's people. The credential store keeps one delegation per
 * user, so an approver's account carries the latest one; every delegation is in the log.
 */
export function accountsOf(set: DataSet): ImportedAccount[] {
  return set.people.map((person) => {
    const latest = [...(person.delegations ?? [])]
      .sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))
      .at(-1);
    return {
      id: person.id,
      name: person.name,
      role: person.role,
      unit: person.unit ?? null,
      authority: latest
        ? {
            capacity: latest.capacity,
            title: latest.title,
            programParts: latest.programParts ?? [],
            units: latest.units ?? [],
            validFrom: latest.validFrom,
            validTo: latest.validTo ?? null,
          }
        : null,
    };
  });
}

/**
 * Creates the accounts that do not exist yet and returns their ids. An existing account
 * is left as it is: an administrator may have changed or deactivated it since, and a
 * second import must change nothing. No token is issued (`budget users add` does that).
 */
export function registerAccounts(registry: AccountRegistry, set: DataSet): string[] {
  const created: string[] = [];
  for (const account of accountsOf(set)) {
    if (registry.getUser(account.id)) continue;
    registry.upsertUser(account);
    created.push(account.id);
  }
  return created;
}
