/**
 * The statement's ĐVQHNS against the unit's mã ĐVQHNS recorded in the ledger (in force on
 * the statement's date). A statement of another unit is not refused: it is reconciled as
 * asked, and the disagreement is the first difference listed, so nobody reads its figures
 * as the unit's. Nothing is compared where either side has no code, and the answer says so.
 */
export type UnitCodeCheck =
  | { readonly status: 'matches'; readonly recorded: string; readonly statement: string }
  | { readonly status: 'differs'; readonly recorded: string; readonly statement: string }
  /** The ledger has no code for the unit on that date: reconciled as before 0.9.0. */
  | { readonly status: 'not_recorded'; readonly statement: string | null }
  /** The statement prints no ĐVQHNS: nothing to compare (nothing is invented). */
  | { readonly status: 'not_on_statement'; readonly recorded: string };

export function checkUnitCode(statement: string | null, recorded: string | null): UnitCodeCheck {
  if (recorded === null) return { status: 'not_recorded', statement };
  if (statement === null) return { status: 'not_on_statement', recorded };
  // The Treasury may print the code with spaces between groups of digits.
  const read = statement.replace(/\s+/g, '');
  return read === recorded
    ? { status: 'matches', recorded, statement }
    : { status: 'differs', recorded, statement };
}

/** One line for people about the check, Vietnamese or English. */
export function describeUnitCodeCheck(
  check: UnitCodeCheck,
  unit: string,
  language: 'vi' | 'en',
): string {
  const vi = language === 'vi';
  switch (check.status) {
    case 'matches':
      return vi
        ? `Mã ĐVQHNS ${check.recorded} trên bảng khớp với mã của đơn vị ${unit} trong sổ.`
        : `The statement's ĐVQHNS ${check.recorded} matches unit ${unit}'s code in the ledger.`;
    case 'differs':
      return vi
        ? `Mã ĐVQHNS trên bảng (${check.statement}) khác mã của đơn vị ${unit} trong sổ (${check.recorded}): bảng này có thể là của đơn vị khác.`
        : `The statement's ĐVQHNS (${check.statement}) differs from unit ${unit}'s code in the ledger (${check.recorded}): the statement may be another unit's.`;
    case 'not_recorded':
      return vi
        ? `Sổ chưa ghi mã ĐVQHNS của đơn vị ${unit}: không đối chiếu mã (mã trên bảng: ${check.statement ?? 'không ghi'}).`
        : `The ledger records no ĐVQHNS for unit ${unit}: the code is not checked (on the statement: ${check.statement ?? 'none'}).`;
    case 'not_on_statement':
      return vi
        ? `Bảng không ghi mã ĐVQHNS: không đối chiếu với mã ${check.recorded} của đơn vị ${unit}.`
        : `The statement prints no ĐVQHNS: not checked against unit ${unit}'s code ${check.recorded}.`;
  }
}
