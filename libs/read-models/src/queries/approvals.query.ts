import type { Doc, Filter } from '../document-store.port';
import { APPROVALS } from '../projections/approvals.projection';
import { positionText } from '../projections/line-deltas';
import type { ReadModels } from './read-models';

export interface ApprovalsFilter {
  /** User id of the approver. */
  readonly approver?: string;
  /** A document number the decision rests on (e.g. 30/QĐ-UBND). */
  readonly document?: string;
  readonly budgetLineId?: string;
}

/** The approval trail, oldest first, filterable by approver and by document. */
export async function queryApprovals(
  models: ReadModels,
  filter: ApprovalsFilter = {},
): Promise<Doc[]> {
  const where: Filter = {
    ...(filter.approver ? { decidedById: filter.approver } : {}),
    ...(filter.budgetLineId ? { budgetLineId: filter.budgetLineId } : {}),
  };
  const docs = await models.find('approvals', APPROVALS, where, {
    sort: [
      ['effectiveDate', 1],
      ['recordedAt', 1],
    ],
  });
  const document = filter.document;
  const chosen = document
    ? docs.filter((d) => Array.isArray(d.legalBasis) && d.legalBasis.includes(document))
    : docs;
  return chosen.map((d) =>
    d.position === undefined ? d : { ...d, position: positionText(d.position) },
  );
}
