import { EventStoreDBClient } from '@eventstore/db-client';
import { announceSkip } from '@app/testing';
import { EventStoreDbEventStore } from '@app/event-store/eventstoredb';
import { describeEventStoreContract } from '@app/testing';
import { grantPermissions } from './permissions/grant-permissions';
import { checkPermissions } from './permissions/permission-checks';

/**
 * EventStoreDB in secure mode (TLS, authentication) as the application user, with the
 * ACL of docs/deployment.md given by `eventstoredb-permissions grant`: the whole contract
 * must hold with exactly those rights, and nothing beyond them may be allowed.
 * `npm run test:servers` starts the node (docker/compose.yml, profile `secure`), grants,
 * and sets both connection strings.
 */
const appString = process.env.EVENTSTORE_APP_CONNECTION_STRING;
const adminString = process.env.EVENTSTORE_ADMIN_CONNECTION_STRING;

if (appString && adminString) {
  describeEventStoreContract('EventStoreDB, secure, as the application user', {
    raceWorkers: 8,
    raceRounds: 5,
    open: (options = {}) => {
      const store = new EventStoreDbEventStore({ connectionString: appString, ...options });
      const others: EventStoreDbEventStore[] = [];
      return Promise.resolve({
        store,
        config: { kind: 'eventstoredb' as const, dataDir: '', connectionString: appString },
        openAnother: (more = {}) => {
          const other = new EventStoreDbEventStore({ connectionString: appString, ...more });
          others.push(other);
          return other;
        },
        dispose: async () => {
          await Promise.all([store, ...others].map((s) => s.close()));
        },
      });
    },
  });

  describe('the application user on a secure EventStoreDB', () => {
    it('has exactly the rights of the ledger: each probe answers as expected', async () => {
      const client = EventStoreDBClient.connectionString(appString);
      try {
        const checks = await checkPermissions(client);
        expect(checks.filter((c) => !c.ok)).toEqual([]);
      } finally {
        await client.dispose();
      }
    });

    // Runs last in this file (files run alone in their worker, tests in order): it takes
    // the ACL of $all away and gives it back.
    it('without the ACL of $all, queries fail as EVENT_STORE.UNAVAILABLE saying access was denied', async () => {
      const admin = EventStoreDBClient.connectionString(adminString);
      const store = new EventStoreDbEventStore({ connectionString: appString });
      try {
        await admin.setStreamMetadata('$all', { acl: { readRoles: ['$admins'] } });
        await expect(store.headPosition()).rejects.toMatchObject({
          code: 'EVENT_STORE.UNAVAILABLE',
          message: /access denied to the application user/,
        });
      } finally {
        await grantPermissions(admin, adminString, appString);
        await store.close();
        await admin.dispose();
      }
      const again = new EventStoreDbEventStore({ connectionString: appString });
      try {
        await expect(again.headPosition()).resolves.not.toBeUndefined();
      } finally {
        await again.close();
      }
    });
  });
} else {
  announceSkip(
    'SKIP EventStoreDB secure-mode suite: EVENTSTORE_APP_CONNECTION_STRING / EVENTSTORE_ADMIN_CONNECTION_STRING are not set (npm run test:servers runs it against docker/compose.yml, profile secure)',
  );
  describe.skip('EventStoreDB secure mode as the application user (set EVENTSTORE_APP_CONNECTION_STRING)', () => {
    it('runs the contract and the permission check on a secure server', () => undefined);
  });
}
