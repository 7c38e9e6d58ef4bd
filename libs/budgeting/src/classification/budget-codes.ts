import * as json from './budget-code-table.json';

/**
 * The kinds of code of the State budget index (mục lục NSNN) this ledger uses: chương,
 * loại–khoản ("sector": the khoản, with its loại as parent), the national target
 * program's code (mã CTMTQG), the Treasury's budget-source code (mã nguồn NSNN), mục
 * ("item") and tiểu mục ("subItem", what a payment is booked under).
 */
export type BudgetCodeKind = 'chapter' | 'sector' | 'program' | 'source' | 'item' | 'subItem';

export interface BudgetCode {
  readonly kind: BudgetCodeKind;
  readonly code: string;
  readonly parent?: string;
  readonly name: string;
  /** The document the code comes from (e.g. `324/2016/TT-BTC`). */
  readonly source: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  /** False until someone checked the code against the published text (README lists them). */
  readonly verified: boolean;
  /** A number the project set to stand in for a code it could not look up. */
  readonly placeholder?: boolean;
  /** For program codes: the program part it covers (`DA6`), null for the whole program. */
  readonly programPart?: string | null;
  readonly note?: string;
}

export interface BudgetCodeSource {
  readonly document: string;
  readonly title: string;
  readonly issuedOn: string;
  readonly appliesFrom: string;
  readonly verified: boolean;
}

export interface BudgetCodeTable {
  readonly tableVersion: string;
  readonly sources: readonly BudgetCodeSource[];
  readonly codes: readonly BudgetCode[];
}

/** The table shipped with the product (budget-code-table.json, edited as data). */
// The swc loaders differ on a JSON default import (Jest gives one, @swc-node/register not).
const loaded = json as unknown as { default?: BudgetCodeTable } & BudgetCodeTable;
export const BUDGET_CODE_TABLE: BudgetCodeTable = loaded.default ?? loaded;

/** The code of that kind, whatever its dates (null: not in the table at all). */
export function findBudgetCode(
  kind: BudgetCodeKind,
  code: string,
  codes: readonly BudgetCode[] = BUDGET_CODE_TABLE.codes,
): BudgetCode | null {
  return codes.find((c) => c.kind === kind && c.code === code) ?? null;
}

export function isInForce(code: BudgetCode, on: string): boolean {
  return code.validFrom <= on && (code.validTo === null || on <= code.validTo);
}
