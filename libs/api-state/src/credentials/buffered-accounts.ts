import type { AccountRegistry, ImportedAccount } from '@app/application';
import type { Credentials } from './credentials.port';

/**
 * The application's AccountRegistry is synchronous (the import decides which accounts to
 * create in one pass); the credential store is not, since it may be across the network.
 * This registry answers from the users read up front and queues the accounts to create,
 * written when `flush` is awaited: after the import, as the import itself orders it (a
 * refused import leaves no account behind).
 */
export class BufferedAccounts implements AccountRegistry {
  private readonly pending: ImportedAccount[] = [];

  private constructor(
    private readonly credentials: Credentials,
    private readonly known: Set<string>,
  ) {}

  static async load(credentials: Credentials): Promise<BufferedAccounts> {
    const users = await credentials.listUsers();
    return new BufferedAccounts(credentials, new Set(users.map((u) => u.actor.userId)));
  }

  getUser(id: string): boolean {
    return this.known.has(id);
  }

  upsertUser(user: ImportedAccount): void {
    this.known.add(user.id);
    this.pending.push(user);
  }

  async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const next = this.pending[0];
      if (next) await this.credentials.upsertUser(next);
      this.pending.shift();
    }
  }
}
