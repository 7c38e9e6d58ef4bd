#!/usr/bin/env node
'use strict';
// `budget`, run from the TypeScript sources with no build step: @swc-node/register compiles
// each file on first require (decorator metadata, tsconfig `paths` aliases), with this
// repository's tsconfig whatever the current directory is.
//
// How `npx budget` finds this file: package.json declares it as the package's own bin.
// npm (7 and later) runs `npx <cmd>` from the project's own bin when the package.json of
// the project matches <cmd>: it links the project into its npx cache (~/.npm/_npx) and
// runs the bin from there, offline. Nothing is linked into node_modules/.bin, so no
// `prepare` script, `npm link` or workspace is needed; `node bin/budget.js …` works too.
const { join } = require('node:path');

process.env.SWC_NODE_PROJECT ??= join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
require('../apps/cli/src/main.ts');
