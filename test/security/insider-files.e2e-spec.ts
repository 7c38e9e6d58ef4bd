import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { budget, type CliRun as Run } from '../support/budget-cli';

/** Issue 13's file rows, through the real `budget` binary as an administrator runs it. */
const EXAMPLE = join(__dirname, '..', '..', 'examples', 'ba-to-2024');
const SECRET = 'root:$y$j9T$SECRETHASH$abc:19000:0:99999:7:::';

describe('files a hostile insider hands the budget command (issue 13)', () => {
  let work: string;
  let dataDir: string;
  let secret: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'budget-files-'));
    dataDir = join(work, 'data');
    secret = join(work, 'shadow');
    writeFileSync(secret, `${SECRET}\ndaemon:*:19000:0:99999:7:::\n`);
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  /** A copy of the example with one file replaced by `make(path)`. */
  function dataSet(name: string, file: string, make: (path: string) => void): string {
    const folder = join(work, name);
    cpSync(EXAMPLE, folder, { recursive: true });
    rmSync(join(folder, file));
    make(join(folder, file));
    return folder;
  }

  describe('budget import', () => {
    it('refuses a data file that is a link, and never shows what it points to', async () => {
      const folder = dataSet('linked', 'units.yaml', (path) => symlinkSync(secret, path));
      const run = await budget(dataDir, 'import', folder);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('IMPORT.NOT_A_REGULAR_FILE');
      expect(run.stdout + run.stderr).not.toContain('SECRETHASH');
      expect(run.stdout + run.stderr).not.toContain('daemon');
    });

    it('refuses a folder or a pipe under a data file’s name', async () => {
      const folder = dataSet('folder', 'people.yaml', (path) => mkdirSync(path));
      const run = await budget(dataDir, 'import', folder);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('IMPORT.NOT_A_REGULAR_FILE');
      expect(run.stderr).not.toContain('INTERNAL');
    });

    it('does not echo the content of a file it cannot use', async () => {
      const folder = dataSet('copied', 'units.yaml', (path) =>
        writeFileSync(path, readFileSync(secret)),
      );
      const run = await budget(dataDir, 'import', folder);
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).not.toContain('SECRETHASH');
      expect(run.stdout + run.stderr).not.toContain('daemon');
    });

    it('refuses a billion laughs with a clear error, not an internal one', async () => {
      const laughs = [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        ...'bcdefghi'.split('').map((k, i) => {
          const prev = String.fromCharCode(97 + i);
          return `${k}: &${k} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`;
        }),
        'units: *i',
      ].join('\n');
      const folder = dataSet('laughs', 'units.yaml', (path) => writeFileSync(path, laughs));
      const started = Date.now();
      const run = await budget(dataDir, 'import', folder);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('IMPORT.YAML_ALIASES');
      expect(run.stderr).not.toContain('INTERNAL');
      expect(Date.now() - started).toBeLessThan(30_000);
    });

    it('refuses a data file larger than any real one before reading it', async () => {
      const big = `units:\n${'  - code: XA\n    name: x\n    kind: commune\n    validFrom: 2021-01-01\n'.repeat(70_000)}`;
      const folder = dataSet('big', 'units.yaml', (path) => writeFileSync(path, big));
      const run = await budget(dataDir, 'import', folder);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('IMPORT.FILE_TOO_LARGE');
    });
  });

  describe('budget users add (low row)', () => {
    it('makes no unit-less officer, and no second user of a taken name unless it is the same person', async () => {
      const users = join(work, 'users');
      const noUnit = await budget(users, 'users', 'add', 'Trần Thị Cúc', '--role', 'officer');
      expect(noUnit.code).toBe(2);
      expect(noUnit.stderr).toContain('--unit');
      const first = await budget(
        users,
        'users',
        'add',
        'Trần Thị Cúc',
        '--role',
        'officer',
        '--unit',
        'LDTBXH',
        '--json',
      );
      expect(first.code).toBe(0);
      const { id } = JSON.parse(first.stdout) as { id: string };
      const namesake = await budget(users, 'users', 'add', 'Trần Thị Cúc', '--role', 'auditor');
      expect(namesake.code).toBe(1);
      expect(namesake.stderr).toContain('USER.NAME_TAKEN');
      const same = await budget(
        users,
        'users',
        'add',
        'Trần Thị Cúc',
        '--role',
        'auditor',
        '--person',
        id,
      );
      expect(same.code).toBe(0);
    });
  });

  describe('--out', () => {
    beforeAll(async () => {
      // The Ba Tơ example, as `budget import` records it (its documents and units first).
      const run = await budget(dataDir, 'import', EXAMPLE, '--json');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ amounts: { total: '2444771300' } });
    }, 120_000);

    const report = (out: string, ...more: string[]): Promise<Run> =>
      budget(
        dataDir,
        'report',
        'disbursement',
        '--fiscal-year',
        '2024',
        '--format',
        'csv',
        '--out',
        out,
        ...more,
      );

    it('keeps an existing file unless --force, and then replaces it', async () => {
      const out = join(work, 'kept.csv');
      writeFileSync(out, 'keep me');
      const refused = await report(out);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('OUT.EXISTS');
      expect(readFileSync(out, 'utf8')).toBe('keep me');
      const forced = await report(out, '--force');
      expect(forced.code).toBe(0);
      expect(readFileSync(out, 'utf8')).not.toBe('keep me');
    });

    it('never writes through a symbolic link, even with --force', async () => {
      const target = join(work, 'target.txt');
      writeFileSync(target, 'untouched');
      const link = join(work, 'link.csv');
      symlinkSync(target, link);
      for (const extra of [[], ['--force']]) {
        const run = await report(link, ...extra);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('OUT.SYMLINK');
      }
      expect(readFileSync(target, 'utf8')).toBe('untouched');
    });

    it('says what is wrong with a folder or a missing folder, without a stack trace', async () => {
      for (const [out, code] of [
        [work, 'OUT.IS_DIRECTORY'],
        [join(work, 'no', 'such', 'folder.csv'), 'OUT.NO_FOLDER'],
      ] as const) {
        const run = await report(out);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(code);
        expect(run.stderr).not.toContain('INTERNAL');
        expect(run.stderr).not.toMatch(/\n\s+at /);
      }
    });
  });
});
