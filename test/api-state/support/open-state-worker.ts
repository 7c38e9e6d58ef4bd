/**
 * Opens the API's SQLite state files of a data directory in a process of its own, as an
 * API replica, the projector or the CLI does, and says whether that worked.
 * Run with `node -r @swc-node/register`. argv: <dataDir>
 */
import { join } from 'node:path';
import { CredentialStore, SqliteSecurityLog } from '@app/api-state';

export type OpenReply =
  { kind: 'opening' } | { kind: 'opened' } | { kind: 'error'; message: string };

const dataDir = process.argv[2] ?? '.';
const send = (message: OpenReply, then: () => void): void => {
  process.send?.(message, undefined, undefined, then);
};

send({ kind: 'opening' }, () => {
  try {
    new CredentialStore(join(dataDir, 'auth.sqlite')).close();
    const log = new SqliteSecurityLog(join(dataDir, 'security.sqlite'));
    void log.close().then(() => send({ kind: 'opened' }, () => process.exit(0)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    send({ kind: 'error', message }, () => process.exit(0));
  }
});
