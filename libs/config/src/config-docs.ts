import { VARIABLES, type VariableName } from './config.schema';

const escape = (text: string): string => text.replace(/\|/g, '\\|');

/**
 * The README's table of variables, rendered from the schema (before Prettier aligns it):
 * `npm run docs:config` writes it between the README's config markers, and a test fails
 * when the README says something else.
 */
export function renderConfigTable(): string {
  const rows = (Object.keys(VARIABLES) as VariableName[]).map((name) => {
    const variable = VARIABLES[name];
    const fallback =
      variable.default === null
        ? '—'
        : variable.default.startsWith('`') ||
            (/^[a-z]/.test(variable.default) && variable.default.includes(' '))
          ? variable.default
          : `\`${variable.default}\``;
    return `| \`${name}\` | ${escape(fallback)} | ${variable.programs.join(', ')} | ${escape(variable.meaning)} |`;
  });
  return ['| variable | default | read by | meaning |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

export const CONFIG_TABLE_START = '<!-- config-table:start (npm run docs:config) -->';
export const CONFIG_TABLE_END = '<!-- config-table:end -->';

/** The README with its config table replaced by `table`. */
export function withConfigTable(readme: string, table: string): string {
  const start = readme.indexOf(CONFIG_TABLE_START);
  const end = readme.indexOf(CONFIG_TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no config table markers');
  return `${readme.slice(0, start + CONFIG_TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
