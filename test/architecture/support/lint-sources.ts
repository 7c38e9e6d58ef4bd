// Lints sources given on stdin ([{ filePath, code }]) with the project's eslint.config.mjs
// and writes [{ filePath, messages: [{ ruleId, message }] }] to stdout. A child process of
// its own: ESLint loads its ESM config by dynamic import, which Jest's module system refuses.
// The sources are not on disk, so the type-aware part of the config (which needs the files
// in a TypeScript project) is switched off; the import rules need no types.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const sources = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    filePath: string;
    code: string;
  }[];
  const eslint = new ESLint({
    cwd: process.cwd(),
    overrideConfig: tseslint.configs.disableTypeChecked,
  });
  const results = [];
  for (const { filePath, code } of sources) {
    const [result] = await eslint.lintText(code, { filePath });
    results.push({
      filePath,
      messages: (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message })),
    });
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
