#!/usr/bin/env node
'use strict';
// `budget`, run from the TypeScript sources with no build step: bin/ts-loader.js compiles
// each file on first require with swc (decorator metadata, tsconfig `paths` aliases), as
// @swc-node/register would with this repository's tsconfig, whatever the current directory
// is, without loading the TypeScript compiler into the process.
//
// How `npx budget` finds this file: package.json declares it as the package's own bin.
// npm (7 and later) runs `npx <cmd>` from the project's own bin when the package.json of
// the project matches <cmd>: it links the project into its npx cache (~/.npm/_npx) and
// runs the bin from there, offline. Nothing is linked into node_modules/.bin, so no
// `prepare` script, `npm link` or workspace is needed; `node bin/budget.js …` works too.
const { spawnSync } = require('node:child_process');

// `budget rebuild` replays the whole log. Left to its defaults, V8 grows its heap with the
// allocation rate, to ~330 MB at a million events, although the replay holds ~45 MB; with
// these limits it collects earlier, for about the same time (BENCHMARKS.md, rebuild). Heap
// limits are fixed when the process starts, so the command runs in a child that has them,
// unless the caller set a heap limit of its own (node --max-old-space-size=… bin/budget.js).
const REBUILD_HEAP_FLAGS = ['--max-old-space-size=160', '--max-semi-space-size=8'];
const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const heapSet = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(' ')].some((f) =>
  f.startsWith('--max-old-space-size'),
);
if (command === 'rebuild' && !heapSet) {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, ...REBUILD_HEAP_FLAGS, __filename, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}

require('./ts-loader').register();
require('../apps/cli/src/main.ts');
