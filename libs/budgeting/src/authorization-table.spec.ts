import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_POLICIES, authorizationTable } from './authorization-table';

const README = join(__dirname, '..', '..', '..', 'README.md');
const START = '<!-- authorization-table:start -->';
const END = '<!-- authorization-table:end -->';

/** A markdown table as rows of trimmed cells: Prettier may pad it, the content must agree. */
function cells(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .map((row) =>
      row
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim().replace(/^-+$/, '---')),
    );
}

describe('the authorization table in the README', () => {
  it('is the one the policies render: a policy changed is a README changed', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    expect(cells(readme.slice(start + START.length, end))).toEqual(cells(authorizationTable()));
  });

  it('names every policy once, and every write a door or the ledger’s own processes', () => {
    const names = ALL_POLICIES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of ALL_POLICIES) expect(p.doors.length).toBeGreaterThan(0);
  });
});
