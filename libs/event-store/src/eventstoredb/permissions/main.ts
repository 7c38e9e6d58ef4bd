/**
 * Gives EventStoreDB's application user exactly the rights the ledger needs, and checks
 * them (ledger-acl.ts; docs/deployment.md, "EventStoreDB permissions").
 *
 *   grant   as admin (EVENTSTORE_ADMIN_CONNECTION_STRING): create the user named in
 *           EVENTSTORE_CONNECTION_STRING (with its password), write the ACLs. Idempotent.
 *   check   as the application user (EVENTSTORE_CONNECTION_STRING): what it may and may
 *           not do; exit 1 if anything differs.
 *
 * In the image: `docker run … IMAGE eventstoredb-permissions grant|check`; from a clone:
 * `npm run eventstoredb:permissions -- grant|check`.
 */
import { EventStoreDBClient } from '@eventstore/db-client';
import { redactedTarget } from '../eventstoredb-errors';
import { grantPermissions } from './grant-permissions';
import { checkPermissions } from './permission-checks';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required / cần đặt biến ${name}`);
  return value;
}

async function grant(): Promise<number> {
  const adminString = required('EVENTSTORE_ADMIN_CONNECTION_STRING');
  const appString = required('EVENTSTORE_CONNECTION_STRING');
  const admin = EventStoreDBClient.connectionString(adminString);
  try {
    console.log(`Cấp quyền / granting on ${redactedTarget(adminString)}`);
    for (const line of await grantPermissions(admin, adminString, appString)) {
      console.log(`  ${line}`);
    }
    return 0;
  } finally {
    await admin.dispose();
  }
}

async function check(): Promise<number> {
  const appString = required('EVENTSTORE_CONNECTION_STRING');
  const app = EventStoreDBClient.connectionString(appString);
  try {
    console.log(`Kiểm tra quyền / checking as ${redactedTarget(appString)}`);
    const checks = await checkPermissions(app);
    for (const c of checks) {
      const mark = c.ok ? 'ĐẠT/OK  ' : 'SAI/FAIL';
      console.log(`  ${mark} ${c.vi} / ${c.what}: ${c.actual} (expected ${c.expected})`);
    }
    const failed = checks.filter((c) => !c.ok).length;
    console.log(
      failed === 0 ? 'Quyền đúng như cần / exactly the rights needed' : `${failed} sai / wrong`,
    );
    return failed === 0 ? 0 : 1;
  } finally {
    await app.dispose();
  }
}

const command = process.argv[2];
const run = command === 'grant' ? grant : command === 'check' ? check : null;
if (!run) {
  console.error('Cách dùng / usage: eventstoredb-permissions grant|check');
  process.exitCode = 2;
} else {
  run().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
