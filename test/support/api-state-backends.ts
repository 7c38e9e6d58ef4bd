import { randomBytes } from 'node:crypto';
import { announceSkip } from '@app/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { openApiState, type ApiState, type ApiStateConfig } from '@app/api-state';

/** One deployment's shared state: every `replica()` opens the stores again, on the same data. */
export interface ApiStateBackend {
  replica(): Promise<ApiState>;
  /** Where this test's state lives, for a replica in another process to open it too. */
  readonly config: ApiStateConfig;
}

const mongoUrl = process.env.MONGODB_URL;
const run = `api_state_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
let databases = 0;

/**
 * Runs a port's contract on SQLite always, and on MongoDB when MONGODB_URL is set (with a
 * visible SKIP line otherwise, as the read store's suite does). Each test gets fresh data:
 * a new folder, or a new database dropped afterwards.
 */
export function describeOnApiStateBackends(
  port: string,
  contract: (backend: ApiStateBackend) => void,
): void {
  describeOn(
    `${port} contract: SQLite`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'api-state-'));
      return {
        config: { kind: 'sqlite', dataDir: dir },
        dispose: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
    contract,
  );
  if (mongoUrl) {
    describeOn(
      `${port} contract: MongoDB`,
      () => {
        const database = `${run}_${++databases}`;
        return {
          config: { kind: 'mongodb', url: mongoUrl, database },
          dispose: async () => {
            const admin = new MongoClient(mongoUrl);
            try {
              await admin.db(database).dropDatabase();
            } finally {
              await admin.close();
            }
          },
        };
      },
      contract,
    );
  } else {
    // A visible notice, not a silent pass: the SQLite adapters carry the contract here.
    announceSkip(
      `SKIP MongoDB ${port} contract suite: MONGODB_URL is not set (npm run test:servers runs it against docker/compose.yml)`,
    );
    describe.skip(`${port} contract: MongoDB (set MONGODB_URL to run)`, () => {
      it('runs the shared contract against a live server', () => undefined);
    });
  }
}

function describeOn(
  title: string,
  fresh: () => { config: ApiStateConfig; dispose: () => Promise<void> },
  contract: (backend: ApiStateBackend) => void,
): void {
  describe(title, () => {
    let opened: ApiState[] = [];
    let current: { config: ApiStateConfig; dispose: () => Promise<void> } | null = null;
    const backend: ApiStateBackend = {
      replica: async () => {
        if (!current) throw new Error('a backend is only open inside a test');
        const state = await openApiState(current.config);
        opened.push(state);
        return state;
      },
      get config(): ApiStateConfig {
        if (!current) throw new Error('a backend is only open inside a test');
        return current.config;
      },
    };
    beforeEach(() => {
      current = fresh();
    });
    afterEach(async () => {
      for (const state of opened) await state.close();
      opened = [];
      await current?.dispose();
      current = null;
    });
    contract(backend);
  });
}
