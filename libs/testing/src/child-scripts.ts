import { join } from 'node:path';

// Scripts that specs fork as child processes (run with `node -r @swc-node/register`).
// They live here, not beside the code they exercise, so that no production folder holds
// test-only code; each reaches the libraries through their front doors.
export const REBUILD_CRASH_WORKER = join(__dirname, 'read-models', 'rebuild-crash-worker.ts');
export const DOCUMENT_STORE_RACE_WORKER = join(
  __dirname,
  'read-models',
  'document-store-race-worker.ts',
);
export const GROUP_COMMIT_CRASH_CHILD = join(
  __dirname,
  'event-store',
  'group-commit-crash-child.ts',
);
