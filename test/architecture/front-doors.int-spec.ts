import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The import rules of docs/architecture.md ("Imports") are the lint's, not a convention:
 * each back door below, written into a file where it would sit, fails `npm run lint`,
 * and the front doors beside them pass. The sources are linted with the project's own
 * eslint.config.mjs through the ESLint Node API (in a child process, see support/lint-sources.ts).
 */
interface Source {
  readonly filePath: string;
  readonly code: string;
}
interface Linted {
  readonly filePath: string;
  readonly messages: readonly { ruleId: string | null; message: string }[];
}

const ROOT = join(__dirname, '..', '..');

const backDoors: readonly (Source & { why: string })[] = [
  {
    why: 'an app reaching into a library by a relative path',
    filePath: 'apps/cli/src/history/back-door.ts',
    code: "export { DomainError } from '../../../../libs/budgeting/src/shared/domain-error';\n",
  },
  {
    why: 'a library reaching into another library by a relative path',
    filePath: 'libs/read-models/src/runner/back-door.ts',
    code: "export { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';\n",
  },
  {
    why: 'a test reaching past the entry of a library (deep @app path)',
    filePath: 'test/back-door.e2e-spec.ts',
    code: "export { DomainError } from '@app/budgeting/src/shared/domain-error';\n",
  },
  {
    why: 'an app importing another app by its entry',
    filePath: 'apps/cli/src/users/back-door.ts',
    code: "export { AppModule } from '@app/api';\n",
  },
  {
    why: 'an app importing another app by a relative path',
    filePath: 'apps/cli/src/users/back-door-relative.ts',
    code: "export { AuthGuard } from '../../../api/src/auth';\n",
  },
  {
    why: 'mongodb outside an adapter',
    filePath: 'apps/api/src/health/back-door.ts',
    code: "export { MongoClient } from 'mongodb';\n",
  },
  {
    why: 'better-sqlite3 outside an adapter',
    filePath: 'libs/application/src/lines/back-door.ts',
    code: "import Database from 'better-sqlite3';\nexport const open = (f: string) => new Database(f);\n",
  },
  {
    why: '@eventstore/db-client outside an adapter',
    filePath: 'libs/read-models/src/queries/back-door.ts',
    code: "export { jsonEvent } from '@eventstore/db-client';\n",
  },
  {
    why: 'production code importing a test helper',
    filePath: 'libs/application/src/shared/back-door.ts',
    code: "export { anEvent } from '@app/testing';\n",
  },
];

const frontDoors: readonly Source[] = [
  {
    filePath: 'apps/cli/src/users/front-door.ts',
    code: "export { openCredentials } from '@app/api-state';\nexport { CliError } from '../shared/cli-errors';\n",
  },
  {
    filePath: 'libs/api-state/src/mongodb/front-door.ts',
    code: "export { MongoClient } from 'mongodb';\nexport { maskUrl } from '@app/read-models';\n",
  },
  {
    filePath: 'libs/read-models/src/sqlite/front-door.ts',
    code: "export { default as Database } from 'better-sqlite3';\n",
  },
  {
    filePath: 'test/front-door.e2e-spec.ts',
    code: "export { AppModule } from '@app/api';\nexport { startApiProcess } from '@app/testing/faults';\n",
  },
];

function lint(sources: readonly Source[]): Linted[] {
  const out = execFileSync(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'support', 'lint-sources.ts')],
    {
      cwd: ROOT,
      input: JSON.stringify(sources.map(({ filePath, code }) => ({ filePath, code }))),
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(out) as Linted[];
}

const restricted = (linted: Linted): string[] =>
  linted.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);

describe('front doors (eslint.config.mjs)', () => {
  let results: Map<string, Linted>;

  beforeAll(() => {
    results = new Map(lint([...backDoors, ...frontDoors]).map((r) => [r.filePath, r]));
  }, 180_000);

  it.each(backDoors.map((b) => [b.why, b] as const))('fails the lint on %s', (_why, source) => {
    const messages = restricted(results.get(source.filePath)!);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /Back door|An app does not import an app|Only adapters|Test helpers/,
    );
  });

  it.each(frontDoors.map((f) => [f.filePath, f] as const))(
    'passes a front door in %s',
    (_path, source) => {
      expect(restricted(results.get(source.filePath)!)).toEqual([]);
    },
  );
});
