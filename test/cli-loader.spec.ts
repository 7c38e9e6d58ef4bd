import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// bin/ts-loader.js compiles the CLI's TypeScript in place of @swc-node/register (which loads
// the TypeScript compiler into every `budget` process: BENCHMARKS.md, rebuild RSS). It must
// compile exactly as register does, or the CLI would run other code than the API.
const ROOT = join(__dirname, '..');
const LOADER = join(ROOT, 'bin', 'ts-loader.js');

interface Loader {
  swcOptions(): Record<string, unknown>;
}
interface RegisterTsconfig {
  readDefaultTsConfig(path: string): Record<string, unknown>;
  tsCompilerOptionsToSwcConfig(
    options: Record<string, unknown>,
    filename: string,
  ): Record<string, unknown>;
}

/** Runs a script in a fresh node with the loader registered; a private compile cache. */
function withLoader(script: string, cache: string): { stdout: string; stderr: string } {
  const run = spawnSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(LOADER)}).register();\n${script}`],
    { encoding: 'utf8', env: { ...process.env, BUDGET_TS_CACHE: cache } },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return { stdout: run.stdout, stderr: run.stderr };
}

describe('the CLI’s TypeScript loader', () => {
  it('passes swc the options @swc-node/register derives from tsconfig.json', () => {
    const { swcOptions } = jest.requireActual<Loader>(LOADER);
    const register = jest.requireActual<RegisterTsconfig>(
      '@swc-node/register/read-default-tsconfig',
    );
    // register compiles to CommonJS (ts.ModuleKind.CommonJS = 1) whatever tsconfig says.
    const tsOptions = { ...register.readDefaultTsConfig(join(ROOT, 'tsconfig.json')), module: 1 };
    const registers = register.tsCompilerOptionsToSwcConfig(tsOptions, join(ROOT, 'bin', 'x.ts'));

    // Source maps: register asks for a map and appends it inline; the loader has swc inline it.
    expect({ ...swcOptions(), sourcemap: true }).toEqual(registers);
  });

  describe('in a process', () => {
    let dir: string;
    let fixture: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'budget-ts-loader-'));
      fixture = join(dir, 'fixture.ts');
      writeFileSync(
        fixture,
        [
          "import type { Doc } from '@app/read-models';",
          'interface Shape {',
          '  readonly id: string;',
          '}',
          'export function fail(shape: Shape): Doc {',
          '  throw new Error(`no ${shape.id}`);',
          '}',
          '',
        ].join('\n'),
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('compiles once: a second process takes the file from the cache without loading swc, and its stack traces name TypeScript lines', () => {
      const script = `
        let stack = '';
        try { require(${JSON.stringify(fixture)}).fail({ id: 'x' }); } catch (e) { stack = e.stack; }
        const swc = Object.keys(require.cache).some((k) => /@swc\\/core\\/(index|binding)\\.js$/.test(k));
        process.stdout.write(JSON.stringify({ swc, at: stack.split('\\n')[1].trim() }));`;
      const cache = join(dir, 'cache');
      const first = JSON.parse(withLoader(script, cache).stdout) as { swc: boolean; at: string };
      const second = JSON.parse(withLoader(script, cache).stdout) as { swc: boolean; at: string };

      expect(first.swc).toBe(true);
      expect(second.swc).toBe(false);
      // Line 6, column 9 of the TypeScript (`new Error`), not of the compiled JavaScript.
      expect(first.at).toBe(`at Object.fail (${fixture}:6:9)`);
      expect(second.at).toBe(first.at);
    });

    it('runs an edited file as edited, and keeps one cache entry per source file however often it changes', () => {
      const edited = join(dir, 'edited.ts');
      const cache = join(dir, 'edits-cache');
      const answer = (n: number): string => {
        writeFileSync(edited, `export const answer: number = ${n};\n`);
        return withLoader(
          `process.stdout.write(String(require(${JSON.stringify(edited)}).answer));`,
          cache,
        ).stdout;
      };

      expect([answer(1), answer(2), answer(3), answer(2)]).toEqual(['1', '2', '3', '2']);
      // One entry for edited.ts: each edit replaced it (no file per version left behind).
      expect(readdirSync(cache)).toHaveLength(1);
    });
  });
});
