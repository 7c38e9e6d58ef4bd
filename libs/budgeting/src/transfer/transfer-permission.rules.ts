import { parseDocumentNumber } from '../shared/document-number';
import { DomainError } from '../shared/domain-error';
import type { BudgetLineKey } from '../budget-line/budget-line-key';

interface Permissible {
  readonly kind: 'carry_over' | 'reallocation';
  readonly permittedBy?: string | null;
}

function refused(code: string, vi: string, en: string): DomainError {
  return new DomainError(code, 'rule', { vi, en }, { field: 'permittedBy' });
}

/**
 * What money may not do without a decision that permits it (State Budget Law 83/2015/QH13,
 * Art. 64: carried-over money is spent in the year it is carried into; a further carry-over,
 * or a move that changes what kind of money it is, needs a competent decision):
 * - a second carry-over: money of source year Y carried into Y+2 or later;
 * - a transfer between fund sources (central, provincial, district budget levels);
 * - a reallocation between carried-over and current-year money (it would escape, or take
 *   on, a deadline).
 * The permitting decision is cited by number in `permittedBy` and kept on the request.
 */
export function requirePermitted(
  r: Permissible,
  from: BudgetLineKey | null,
  to: BudgetLineKey,
): void {
  if (r.permittedBy != null && r.permittedBy !== '') {
    parseDocumentNumber(r.permittedBy, 'permittedBy');
    return;
  }
  if (r.kind === 'carry_over' && to.fiscalYear - to.sourceYear > 1) {
    throw refused(
      'TRANSFER.SECOND_CARRY_OVER_NOT_PERMITTED',
      `permittedBy: kinh phí năm ${to.sourceYear} đã được chuyển nguồn một lần; chuyển tiếp sang năm ${to.fiscalYear} phải có quyết định cho phép của cấp có thẩm quyền`,
      `permittedBy: money of ${to.sourceYear} was carried over once already; carrying it on into ${to.fiscalYear} needs a decision of the competent authority that permits it`,
    );
  }
  if (!from) return;
  if (from.fundSource !== to.fundSource) {
    throw refused(
      'TRANSFER.ACROSS_FUND_SOURCES',
      `permittedBy: không điều chuyển giữa nguồn ngân sách ${from.fundSource} và ${to.fundSource} khi không có quyết định cho phép`,
      `permittedBy: money does not move from the ${from.fundSource} budget to the ${to.fundSource} budget without a decision that permits it`,
    );
  }
  if (r.kind === 'reallocation' && from.sourceYear !== to.sourceYear) {
    throw refused(
      'TRANSFER.ACROSS_CARRY_OVER',
      `permittedBy: không điều chuyển giữa kinh phí chuyển nguồn (năm nguồn ${Math.min(from.sourceYear, to.sourceYear)}) và kinh phí năm nay khi không có quyết định cho phép`,
      `permittedBy: money does not move between carried-over money (source year ${Math.min(from.sourceYear, to.sourceYear)}) and current-year money without a decision that permits it`,
    );
  }
}
