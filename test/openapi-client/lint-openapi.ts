import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Lints an OpenAPI document with Redocly's engine (`@redocly/openapi-core`, what
 * `redocly lint` runs) and its `recommended` rules; prints the problems as JSON.
 * A child process: the library is ES modules only, which Jest cannot load.
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: lint-openapi.ts <openapi.json>');
  const { createConfig, lintFromString } = await import('@redocly/openapi-core');
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({
    source: readFileSync(file, 'utf8'),
    absoluteRef: pathToFileURL(file).href,
    config,
  });
  const out = problems.map((p) => ({
    rule: p.ruleId,
    severity: p.severity,
    message: p.message,
    where: p.location[0]?.pointer ?? '',
  }));
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
