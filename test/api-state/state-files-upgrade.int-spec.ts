import Database from 'better-sqlite3';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenReply } from './support/open-state-worker';

/** Files as the first releases wrote them: before `users.person_id` and `refusals.repeated`. */
function writeOlderFiles(dataDir: string): void {
  const auth = new Database(join(dataDir, 'auth.sqlite'));
  auth.pragma('journal_mode = WAL');
  auth.exec(`CREATE TABLE users (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, unit TEXT NULL,
    capacity TEXT NULL, title TEXT NULL, program_parts TEXT NOT NULL DEFAULT '[]',
    units TEXT NOT NULL DEFAULT '[]', valid_from TEXT NULL, valid_to TEXT NULL,
    active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL);
    CREATE TABLE tokens (
      token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL, expires_at TEXT NULL, revoked_at TEXT NULL);
    CREATE INDEX tokens_by_user ON tokens(user_id);`);
  auth
    .prepare(
      `INSERT INTO users (id, name, role, created_at) VALUES ('ke-toan', 'Kế toán', 'accountant', '2024-01-02T00:00:00Z')`,
    )
    .run();
  auth.close();
  const security = new Database(join(dataDir, 'security.sqlite'));
  security.pragma('journal_mode = WAL');
  security.exec(`CREATE TABLE refusals (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user_id TEXT, role TEXT,
    method TEXT NOT NULL, path TEXT NOT NULL, status INTEGER NOT NULL, code TEXT NOT NULL,
    reason TEXT NOT NULL, ip TEXT);
    CREATE TRIGGER refusals_append_only_u BEFORE UPDATE ON refusals
    BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;
    CREATE TRIGGER refusals_append_only_d BEFORE DELETE ON refusals
    BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;`);
  security.close();
}

function openInAnotherProcess(dataDir: string): {
  child: ChildProcess;
  replies: OpenReply[];
  done: Promise<OpenReply>;
} {
  const child = fork(join(__dirname, 'support', 'open-state-worker.ts'), [dataDir], {
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const replies: OpenReply[] = [];
  const done = new Promise<OpenReply>((resolve, reject) => {
    child.on('message', (reply: OpenReply) => {
      replies.push(reply);
      if (reply.kind !== 'opening') resolve(reply);
    });
    child.once('exit', (code) =>
      reject(new Error(`open worker exited with ${code} before replying`)),
    );
  });
  return { child, replies, done };
}

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('the API state files of an older release', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'state-upgrade-'));
    writeOlderFiles(dataDir);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  // API replicas, the projector and the CLI open the same files. CI once saw a second
  // process fail with "duplicate column name: person_id": it had looked for the column
  // before the first process added it, then added it again. Here this process is the
  // first: it is adding the column, uncommitted, while another process opens the file.
  it('are upgraded by one process while another waits for it, and the other then opens them without an error', async () => {
    const auth = new Database(join(dataDir, 'auth.sqlite'));
    auth.exec('BEGIN IMMEDIATE');
    auth.exec('ALTER TABLE users ADD COLUMN person_id TEXT NULL');

    const other = openInAnotherProcess(dataDir);
    await until(() => other.replies.length > 0);
    // Long enough for the other process to have looked at the schema, well inside its busy timeout.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(other.replies).toEqual([{ kind: 'opening' }]);
    auth.exec('COMMIT');

    expect(await other.done).toEqual({ kind: 'opened' });
    const columns = (auth.prepare('PRAGMA table_info(users)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns.filter((c) => c === 'person_id')).toHaveLength(1);
    expect(auth.prepare('SELECT id, person_id FROM users').all()).toEqual([
      { id: 'ke-toan', person_id: null },
    ]);
    auth.close();

    const security = new Database(join(dataDir, 'security.sqlite'), { readonly: true });
    const refusals = (
      security.prepare('PRAGMA table_info(refusals)').all() as { name: string }[]
    ).map((c) => c.name);
    security.close();
    expect(refusals).toContain('repeated');
  }, 60_000);
});
