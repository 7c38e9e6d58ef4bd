import { ConfigError, parseConfig, withDataDir } from './budget-config';
import { readmeWithConfigTable } from './write-config-table';

function refusal(env: NodeJS.ProcessEnv, program: 'api' | 'cli' | 'projector' = 'api'): string[] {
  try {
    parseConfig(env, program);
  } catch (error) {
    if (error instanceof ConfigError) return error.lines();
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('the configuration', () => {
  describe('when nothing is set', () => {
    it('takes the documented defaults: port 3000, ./data, SQLite, 600 writes a minute', () => {
      const config = parseConfig({});
      expect(config).toMatchObject({
        port: 3000,
        dataDir: './data',
        eventStore: { kind: 'sqlite', dataDir: './data' },
        readStore: { kind: 'sqlite', dataDir: './data' },
        rateLimit: { perUserPerMinute: 600, perAddressPerMinute: 60 },
        loadExample: true,
        projections: true,
        followUps: true,
        language: 'vi',
        projector: { leaseTtlMs: 15_000, renewEveryMs: 5000, pollIntervalMs: 100 },
      });
    });
  });

  describe('when a value is bad', () => {
    it.each([
      ['PORT', 'abc', 'PORT must be a whole number from 0 to 65535 (got "abc")'],
      ['PORT', '70000', 'PORT must be a whole number from 0 to 65535 (got "70000")'],
      ['PORT', '3000.5', 'PORT must be a whole number from 0 to 65535 (got "3000.5")'],
      [
        'BUDGET_RATE_LIMIT_PER_MINUTE',
        'lots',
        'BUDGET_RATE_LIMIT_PER_MINUTE must be a whole number, 0 or more (0: no limit) (got "lots")',
      ],
      [
        'EVENT_STORE',
        'postgres',
        'EVENT_STORE must be "sqlite" or "eventstoredb" (got "postgres")',
      ],
      [
        'BUDGET_FOLLOW_UPS',
        'maybe',
        'BUDGET_FOLLOW_UPS must be "on" or "off" (or 1/0) (got "maybe")',
      ],
    ])('refuses %s=%s with one line naming it in both languages', (name, value, english) => {
      const lines = refusal({ [name]: value });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^Cấu hình không hợp lệ: ${name} phải là .+ / Invalid configuration: `),
      );
      expect(lines[0]?.endsWith(english)).toBe(true);
    });

    it('lists every bad variable, one line each', () => {
      expect(refusal({ PORT: 'abc', LOG_LEVEL: 'loud' })).toHaveLength(2);
    });

    it('asks for the connection string a store needs, never echoing a secret', () => {
      expect(refusal({ EVENT_STORE: 'eventstoredb' })).toEqual([
        expect.stringContaining(
          'EVENTSTORE_CONNECTION_STRING must be set when EVENT_STORE=eventstoredb',
        ),
      ]);
      const lines = refusal({ READ_STORE: 'mongodb', MONGODB_URL: 'http://admin:s3cret@db' });
      expect(lines).toEqual([expect.stringContaining('MONGODB_URL must be a mongodb://')]);
      expect(lines.join()).not.toContain('s3cret');
    });
  });

  describe('per program', () => {
    it('checks only what the program reads: the CLI ignores PORT, the API ignores the lease TTL', () => {
      expect(parseConfig({ PORT: 'abc' }, 'cli').port).toBe(3000);
      expect(parseConfig({ BUDGET_LEASE_TTL_MS: 'soon' }, 'api').projector.leaseTtlMs).toBe(15_000);
      expect(refusal({ BUDGET_LEASE_TTL_MS: 'soon' }, 'projector')).toHaveLength(1);
    });

    it('runs no background processes in the CLI, and reads its language as a locale too', () => {
      expect(parseConfig({ BUDGET_FOLLOW_UPS: 'on', BUDGET_LANG: 'en-US' }, 'cli')).toMatchObject({
        followUps: false,
        projections: false,
        language: 'en',
      });
    });

    it('moves both embedded stores with the data folder (the CLI’s --data)', () => {
      const moved = withDataDir(parseConfig({}), '/srv/ledger');
      expect(moved.eventStore).toEqual({ kind: 'sqlite', dataDir: '/srv/ledger' });
      expect(moved.readStore).toEqual({ kind: 'sqlite', dataDir: '/srv/ledger' });
    });
  });

  it('is documented in the README by the table rendered from the schema (npm run docs:config)', async () => {
    const { current, expected } = await readmeWithConfigTable();
    expect(current).toBe(expected);
  });
});
