import { join } from 'node:path';
import { CredentialStore, type UserInput } from '@app/api-state';
import { BA_TO_AUTHORITY } from './api-harness';

/** The people of the tests that run the API in its own process: one per role. */
export const LEDGER_USERS = {
  admin: { id: 'u-admin', name: 'Quản trị', role: 'admin' },
  officer: { id: 'u-officer', name: 'Cán bộ', role: 'officer', unit: 'LDTBXH' },
  approver: {
    id: 'u-approver',
    name: 'Lữ Đình Tích',
    role: 'approver',
    authority: BA_TO_AUTHORITY,
  },
  auditor: { id: 'u-auditor', name: 'Kiểm toán', role: 'auditor' },
} as const satisfies Record<string, UserInput>;

/**
 * Creates the users in a data folder's credential store before an API process opens it,
 * as `budget users add` would, and returns a bearer token for each.
 */
export function issueLedgerTokens(dataDir: string): Record<keyof typeof LEDGER_USERS, string> {
  const credentials = new CredentialStore(join(dataDir, 'auth.sqlite'));
  try {
    const entries = Object.entries(LEDGER_USERS).map(([role, user]) => {
      credentials.upsertUser(user);
      return [role, credentials.issueToken(user.id)] as const;
    });
    return Object.fromEntries(entries) as Record<keyof typeof LEDGER_USERS, string>;
  } finally {
    credentials.close();
  }
}
