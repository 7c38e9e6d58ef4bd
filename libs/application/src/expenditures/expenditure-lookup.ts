import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  DomainError,
  expenditureLocatorDecider,
  expenditureStreamId,
  type ExpenditureLocatorEvent,
} from '@app/budgeting';
import { decodeEvent } from '../event-codec';
import { LineCommands, type LineView } from '../shared/line-commands';
import type { FoldedStream } from '../stream-state-cache';

export interface LocatedExpenditure {
  readonly budgetLineId: string;
  /** The proposal's business date: approval and rejection default to it. */
  readonly effectiveDate: string;
  readonly voucher: string | null;
  /** The line as it was found, for the decision that follows (LineCommands.run). */
  readonly line: FoldedStream<LineView>;
}

/** Finds which line holds an expenditure, and the facts of its proposal. */
@Injectable()
export class ExpenditureLookup {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lines: LineCommands,
  ) {}

  async find(expenditureId: string): Promise<LocatedExpenditure> {
    // A one-event stream, read as is: caching one per expenditure would crowd out the lines.
    const pointer = await this.store.readStream(expenditureStreamId(expenditureId));
    const state = pointer
      .map((e) => decodeEvent<ExpenditureLocatorEvent>(e))
      .reduce(expenditureLocatorDecider.evolve, expenditureLocatorDecider.initialState);
    const lineId = state.budgetLineId;
    const line = lineId ? await this.lines.load(lineId) : null;
    const view = line?.state;
    const proposal = view?.line.expenditures.get(expenditureId);
    const proposedOn = view?.proposedOn.get(expenditureId);
    if (!lineId || !line || !proposal || proposedOn === undefined) {
      throw new DomainError('EXPENDITURE.NOT_FOUND', 'not_found', {
        vi: `Không tìm thấy khoản chi ${expenditureId}`,
        en: `Expenditure ${expenditureId} not found`,
      });
    }
    return { budgetLineId: lineId, effectiveDate: proposedOn, voucher: proposal.voucher, line };
  }
}
