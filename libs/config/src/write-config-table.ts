import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigTable, withConfigTable } from './config-docs';

export const README = join(__dirname, '..', '..', '..', 'README.md');

/** The README as it should read: its config table rendered from the schema, Prettier-formatted. */
export async function readmeWithConfigTable(): Promise<{ current: string; expected: string }> {
  const current = readFileSync(README, 'utf8');
  // Prettier's own CLI, as `npm run format` runs it (its API needs ESM loading, which Jest lacks).
  const prettier = spawnSync(
    process.execPath,
    [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', README],
    { input: withConfigTable(current, renderConfigTable()), encoding: 'utf8' },
  );
  if (prettier.status !== 0) throw new Error(`prettier failed: ${prettier.stderr}`);
  return { current, expected: prettier.stdout };
}

/** `npm run docs:config`: rewrites the README's table of variables from the schema. */
if (require.main === module) {
  readmeWithConfigTable()
    .then(({ current, expected }) => {
      if (current === expected) console.log('README.md: the config table is up to date');
      else {
        writeFileSync(README, expected);
        console.log('README.md: config table rewritten from libs/config/src/config.schema.ts');
      }
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
