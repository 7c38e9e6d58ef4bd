import { deciderSpec } from '@app/testing/decider';
import { officer } from '../shared/testing/actors.fixture';
import { transferDecider, type TransferCommand, type TransferRequest } from './transfer.decider';

const given = deciderSpec(transferDecider);

const request = (data: Partial<TransferRequest>, on: string): TransferCommand => ({
  type: 'RequestTransfer',
  actor: officer,
  on,
  data: {
    transferId: 't1',
    kind: 'carry_over',
    fromLine: null,
    toLine: '2024.DA7.TDA1.central.2023.LDTBXH',
    amount: 1_000_000n,
    decision: '699/QĐ-UBND',
    legalBasis: ['699/QĐ-UBND'],
    ...data,
  },
});

/**
 * The permission rules at their edges (the survivors of the mutation run): an empty
 * permittedBy is no permission, the second-carry-over rule is about carry-overs only, and
 * the refusal names the carried-over money's source year.
 */
describe('transfers that need a permitting decision, at the edges', () => {
  it('reads an empty permittedBy as none: a first carry-over is taken, a second refused', () => {
    given([])
      .when(request({ permittedBy: '' }, '2024-03-19'))
      .thenMatches([{ type: 'TransferRequested' }]);
    given([])
      .when(
        request(
          {
            fromLine: '2024.DA7.TDA1.central.2023.LDTBXH',
            toLine: '2025.DA7.TDA1.central.2023.LDTBXH',
            permittedBy: '',
          },
          '2025-03-01',
        ),
      )
      .thenThrows('TRANSFER.SECOND_CARRY_OVER_NOT_PERMITTED', { field: 'permittedBy' });
  });

  it('moves money carried over twice (by a permission) between lines of its kind without another', () => {
    // 2022 money in 2024 was permitted once; a reallocation keeps its kind and fund source.
    given([])
      .when(
        request(
          {
            kind: 'reallocation',
            fromLine: '2024.DA7.TDA1.central.2022.LDTBXH',
            toLine: '2024.DA6.TDA2.central.2022.LDTBXH',
          },
          '2024-08-01',
        ),
      )
      .thenMatches([{ type: 'TransferRequested' }]);
  });

  it('names the carried-over money’s source year, whichever way the money moves', () => {
    for (const [fromLine, toLine] of [
      ['2024.DA7.TDA1.central.2023.LDTBXH', '2024.DA6.TDA2.central.2024.LDTBXH'],
      ['2024.DA6.TDA2.central.2024.LDTBXH', '2024.DA7.TDA1.central.2023.LDTBXH'],
    ] as const) {
      const error = given([])
        .when(request({ kind: 'reallocation', fromLine, toLine }, '2024-08-01'))
        .thenThrows('TRANSFER.ACROSS_CARRY_OVER');
      expect(error.messages.vi).toContain('năm nguồn 2023');
      expect(error.messages.en).toContain('source year 2023');
    }
  });
});
