import { DomainError } from '../shared/domain-error';

/**
 * An expenditure's events live in its budget line's stream (the line guards its money);
 * this one-event stream says which line that is, and makes the id unique.
 */
export type ExpenditureLocatorEvent = {
  readonly type: 'ExpenditureFiled';
  readonly data: { readonly expenditureId: string; readonly budgetLineId: string };
};

export interface ExpenditureLocatorState {
  readonly budgetLineId: string | null;
}

export function expenditureStreamId(expenditureId: string): string {
  return `expenditure-${expenditureId}`;
}

export const expenditureLocatorDecider = {
  name: 'expenditure-locator@1',
  initialState: { budgetLineId: null } as ExpenditureLocatorState,
  evolve: (
    _state: ExpenditureLocatorState,
    event: ExpenditureLocatorEvent,
  ): ExpenditureLocatorState => ({
    budgetLineId: event.data.budgetLineId,
  }),
  decide(
    command: { readonly expenditureId: string; readonly budgetLineId: string },
    state: ExpenditureLocatorState,
  ): ExpenditureLocatorEvent[] {
    if (state.budgetLineId === command.budgetLineId) return [];
    if (state.budgetLineId !== null) {
      throw new DomainError('EXPENDITURE.ALREADY_EXISTS', 'conflict', {
        vi: `Khoản chi ${command.expenditureId} đã thuộc dòng ngân sách khác`,
        en: `Expenditure ${command.expenditureId} already belongs to another budget line`,
      });
    }
    return [{ type: 'ExpenditureFiled', data: command }];
  },
} as const;
