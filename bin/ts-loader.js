'use strict';
// Compiles this repository's TypeScript on require for `budget`, with the same compiler and
// options as @swc-node/register (swc through @swc-node/core, options derived from
// tsconfig.json: decorator metadata, `paths` aliases), without what @swc-node/register
// keeps in the process besides: the TypeScript compiler itself (`typescript`, ~9 MB of
// source; register needs it only to read the tsconfig), and a copy of every compiled file
// and of its source map in memory. `budget rebuild` runs under a memory budget
// (BENCHMARKS.md, rebuild RSS), and every command starts lighter.
// test/cli-loader.spec.ts checks that these options are register's.
//
// Compiled files are kept on disk (node_modules/.cache/budget-ts), one file per source file
// (named by a hash of its path, the options and the swc version), ending with a hash of the
// source it was compiled from: a command compiles only what changed, an edited file replaces
// its own entry, and the cache stays as large as the sources (an entry per edit would pile
// up, as @swc-node/register's cache does).
// Each keeps its source map inline, on disk only: the code is run without it, and a stack
// trace (the CLI prints one on an unexpected failure) reads the map of a file only when it
// points into it, so it still names TypeScript lines.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const { dirname, join, resolve } = require('node:path');

const ROOT = join(__dirname, '..');

/** The options @swc-node/register derives from tsconfig.json (module: CommonJS). */
function swcOptions(root = ROOT) {
  const tsconfig = JSON.parse(fs.readFileSync(join(root, 'tsconfig.json'), 'utf8'));
  const c = tsconfig.compilerOptions;
  const paths = Object.fromEntries(
    Object.entries(c.paths ?? {}).map(([alias, targets]) => [
      alias,
      targets.map((t) => resolve(root, t)),
    ]),
  );
  return {
    module: 'commonjs',
    target: c.target,
    jsx: false,
    sourcemap: 'inline',
    experimentalDecorators: c.experimentalDecorators,
    emitDecoratorMetadata: c.emitDecoratorMetadata,
    useDefineForClassFields: c.useDefineForClassFields,
    esModuleInterop: c.esModuleInterop,
    dynamicImport: true,
    keepClassNames: true,
    externalHelpers: false,
    baseUrl: root,
    paths,
    ignoreDynamic: false,
    swc: {},
  };
}

function packageVersion(name) {
  return require(require.resolve(`${name}/package.json`, { paths: [ROOT] })).version;
}

/**
 * The project's own cache folder (node_modules/.cache, as other build tools use), not the
 * shared temp folder: compiled files are run as code, and a folder another local user can
 * create first (a predictable /tmp name, files named by a hash of public sources) would let
 * them plant code the next `budget` command runs. BUDGET_TS_CACHE points elsewhere (tests).
 */
function cacheFolder() {
  return process.env.BUDGET_TS_CACHE || join(ROOT, 'node_modules', '.cache', 'budget-ts');
}

const MAP_COMMENT = Buffer.from('\n//# sourceMappingURL=data:application/json;base64,');

/** Last line of a cached file: the hash of the source it was compiled from. */
const STAMP = Buffer.from('\n//# budget-ts ');
const STAMP_LENGTH = STAMP.length + 64;

/** The cached code of `file` when it was compiled from the source hashed `sourceHash`. */
function cachedCode(file, sourceHash) {
  let stored;
  try {
    stored = fs.readFileSync(file);
  } catch {
    return null;
  }
  const at = stored.length - STAMP_LENGTH;
  if (at < 0 || !stored.subarray(at, at + STAMP.length).equals(STAMP)) return null;
  if (stored.toString('latin1', at + STAMP.length) !== sourceHash) return null;
  return stored.subarray(0, at);
}

/** The compiled file, and where its inline source map starts (-1 when it has none). */
function compiled(file, sourceHash, compile, written) {
  let code = cachedCode(file, sourceHash);
  if (code === null) {
    code = Buffer.from(compile());
    try {
      fs.mkdirSync(dirname(file), { recursive: true });
      // Written aside, then renamed: a reader never sees half a file.
      const aside = `${file}.${process.pid}.${written}`;
      fs.writeFileSync(aside, Buffer.concat([code, STAMP, Buffer.from(sourceHash, 'latin1')]));
      fs.renameSync(aside, file);
    } catch {
      // A cache that cannot be written only costs the next command a compile.
    }
  }
  return { code, mapAt: code.lastIndexOf(MAP_COMMENT) };
}

/** Registers the `.ts` loader (once per process). */
function register() {
  if (require.extensions['.ts']) return;
  const core = require.resolve('@swc-node/core', { paths: [ROOT] });
  // swc (a native module of ~30 MB, ~13 MB of it resident once used) only loads when a
  // file is not in the cache yet.
  const transformSync = (...args) => require(core).transformSync(...args);
  const options = swcOptions();
  const salt = [
    JSON.stringify(options),
    `swc ${packageVersion('@swc/core')}`,
    `swc-node ${packageVersion('@swc-node/core')}`,
  ].join('\0');
  const folder = cacheFolder();
  /** Compiled file of each loaded source that has a source map. */
  const mapped = new Map();
  /** Hash of the source each of those was compiled from. */
  const hashes = new Map();
  let written = 0;
  require.extensions['.ts'] = function compileTypeScript(module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    const entry = createHash('sha256').update(salt).update('\0').update(filename).digest('hex');
    const sourceHash = createHash('sha256').update(source).digest('hex');
    const file = join(folder, `${entry}.js`);
    const { code, mapAt } = compiled(
      file,
      sourceHash,
      () => transformSync(source, filename, options).code,
      written++,
    );
    if (mapAt !== -1) {
      mapped.set(filename, file);
      hashes.set(filename, sourceHash);
    }
    // A new string without the map (the map comment is the last line: lines stay the same).
    module._compile(code.toString('utf8', 0, mapAt === -1 ? code.length : mapAt), filename);
  };
  const sourceMaps = require(require.resolve('source-map-support', { paths: [ROOT] }));
  sourceMaps.install({
    environment: 'node',
    handleUncaughtExceptions: false,
    retrieveSourceMap(source) {
      const file = mapped.get(source);
      if (file === undefined) return null;
      try {
        // The file may have been compiled again since (another process, an edited source):
        // the map is only used when the stamp still names the code this process ran.
        const code = cachedCode(file, hashes.get(source));
        if (code === null) return null;
        const at = code.lastIndexOf(MAP_COMMENT);
        if (at === -1) return null;
        const base64 = code.toString('latin1', at + MAP_COMMENT.length).trim();
        return { url: source, map: Buffer.from(base64, 'base64').toString('utf8') };
      } catch {
        return null;
      }
    },
  });
}

module.exports = { register, swcOptions };
