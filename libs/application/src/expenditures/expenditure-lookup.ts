import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  DomainError,
  budgetLineStreamId,
  expenditureLocatorDecider,
  expenditureStreamId,
  type ExpenditureLocatorEvent,
} from '@app/budgeting';
import { decodeEvent } from '../event-codec';

export interface LocatedExpenditure {
  readonly budgetLineId: string;
  /** The proposal's business date: approval and rejection default to it. */
  readonly effectiveDate: string;
  readonly voucher: string | null;
}

/** Finds which line holds an expenditure, and the facts of its proposal. */
@Injectable()
export class ExpenditureLookup {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async find(expenditureId: string): Promise<LocatedExpenditure> {
    const pointer = await this.store.readStream(expenditureStreamId(expenditureId));
    const state = pointer
      .map((e) => decodeEvent<ExpenditureLocatorEvent>(e))
      .reduce(expenditureLocatorDecider.evolve, expenditureLocatorDecider.initialState);
    const lineId = state.budgetLineId;
    const line = lineId ? await this.store.readStream(budgetLineStreamId(lineId)) : [];
    const proposal = line.find(
      (e) => e.type === 'ExpenditureProposed' && e.data.expenditureId === expenditureId,
    );
    if (!lineId || !proposal) {
      throw new DomainError('EXPENDITURE.NOT_FOUND', 'not_found', {
        vi: `Không tìm thấy khoản chi ${expenditureId}`,
        en: `Expenditure ${expenditureId} not found`,
      });
    }
    const voucher = proposal.data.voucher;
    return {
      budgetLineId: lineId,
      effectiveDate: proposal.metadata.effectiveDate,
      voucher: typeof voucher === 'string' ? voucher : null,
    };
  }
}
