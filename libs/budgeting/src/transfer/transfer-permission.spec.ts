import { deciderSpec } from '@app/testing/decider';
import { officer } from '../shared/testing/actors.fixture';
import { transferDecider, type TransferCommand, type TransferRequest } from './transfer.decider';

const given = deciderSpec(transferDecider);

/**
 * What money may not do without a decision that permits it (issue 16, item 5): a second
 * carry-over, a move across fund sources, a move between carried-over and current-year
 * money. With the permitting decision cited in `permittedBy`, each is taken and recorded.
 */
describe('transfers that need a permitting decision', () => {
  const request = (data: Partial<TransferRequest>, on = '2025-03-01'): TransferCommand => ({
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

  describe('a second carry-over', () => {
    const again = {
      fromLine: '2024.DA7.TDA1.central.2023.LDTBXH',
      toLine: '2025.DA7.TDA1.central.2023.LDTBXH',
    };

    it('refuses carrying 2023 money on from 2024 into 2025 with no permitting decision', () => {
      const error = given([])
        .when(request(again))
        .thenThrows('TRANSFER.SECOND_CARRY_OVER_NOT_PERMITTED', { field: 'permittedBy' });
      expect(error.messages.vi).toContain('2023');
      expect(error.messages.en).toContain('2025');
    });

    it('refuses it when the source year is not in the ledger too (2023 money straight into 2025)', () => {
      given([])
        .when(request({ toLine: '2025.DA7.TDA1.central.2023.LDTBXH' }))
        .thenThrows('TRANSFER.SECOND_CARRY_OVER_NOT_PERMITTED');
    });

    it('takes it, and records the permission, when a decision permits it', () => {
      given([])
        .when(request({ ...again, permittedBy: '111/2024/QH15' }))
        .thenMatches([{ type: 'TransferRequested', data: { permittedBy: '111/2024/QH15' } }]);
    });

    it('takes a first carry-over (2023 into 2024) without one', () => {
      given([])
        .when(request({}, '2024-03-19'))
        .thenMatches([{ type: 'TransferRequested' }]);
    });

    it('refuses a permittedBy that is not a document number', () => {
      given([])
        .when(request({ ...again, permittedBy: 'cho phép' }))
        .thenThrows('VALIDATION.DOCUMENT_NUMBER', { field: 'permittedBy' });
    });
  });

  describe('across fund sources', () => {
    it('refuses a reallocation from the central to the district budget', () => {
      given([])
        .when(
          request(
            {
              kind: 'reallocation',
              fromLine: '2024.DA7.TDA1.central.2024.LDTBXH',
              toLine: '2024.DA7.TDA1.district.2024.LDTBXH',
            },
            '2024-08-01',
          ),
        )
        .thenThrows('TRANSFER.ACROSS_FUND_SOURCES', { field: 'permittedBy' });
    });

    it('refuses a carry-over that changes the fund source', () => {
      given([])
        .when(
          request(
            {
              fromLine: '2023.DA7.TDA1.provincial.2023.LDTBXH',
              toLine: '2024.DA7.TDA1.central.2023.LDTBXH',
            },
            '2024-03-19',
          ),
        )
        .thenThrows('TRANSFER.ACROSS_FUND_SOURCES');
    });

    it('takes it with a permitting decision', () => {
      given([])
        .when(
          request(
            {
              kind: 'reallocation',
              fromLine: '2024.DA7.TDA1.central.2024.LDTBXH',
              toLine: '2024.DA7.TDA1.district.2024.LDTBXH',
              permittedBy: '15/QĐ-UBND',
            },
            '2024-08-01',
          ),
        )
        .thenMatches([{ type: 'TransferRequested' }]);
    });
  });

  describe('between carried-over and current-year money', () => {
    const escape = {
      kind: 'reallocation' as const,
      fromLine: '2024.DA7.TDA1.central.2023.LDTBXH',
      toLine: '2024.DA6.TDA2.central.2024.LDTBXH',
    };

    it('refuses moving carried-over money onto a current-year line (it would escape its deadline)', () => {
      given([])
        .when(request(escape, '2024-08-01'))
        .thenThrows('TRANSFER.ACROSS_CARRY_OVER', { field: 'permittedBy' });
    });

    it('refuses the other way too', () => {
      given([])
        .when(
          request({ ...escape, fromLine: escape.toLine, toLine: escape.fromLine }, '2024-08-01'),
        )
        .thenThrows('TRANSFER.ACROSS_CARRY_OVER');
    });

    it('takes a reallocation between two lines of the same kind of money', () => {
      given([])
        .when(request({ ...escape, toLine: '2024.DA6.TDA2.central.2023.LDTBXH' }, '2024-08-01'))
        .thenMatches([{ type: 'TransferRequested' }]);
    });
  });

  describe('the deadline a carry-over decision states', () => {
    it('is kept on the request for the credit to record', () => {
      given([])
        .when(request({ deadline: '2025-06-30' }, '2024-03-19'))
        .thenMatches([{ type: 'TransferRequested', data: { deadline: '2025-06-30' } }]);
    });

    it('is refused before the carry-over’s date, or on a reallocation', () => {
      given([])
        .when(request({ deadline: '2024-03-01' }, '2024-03-19'))
        .thenThrows('TRANSFER.DEADLINE_BEFORE_CARRY_OVER');
      given([])
        .when(
          request(
            {
              kind: 'reallocation',
              fromLine: '2024.DA7.TDA1.central.2024.LDTBXH',
              toLine: '2024.DA6.TDA2.central.2024.LDTBXH',
              deadline: '2024-12-31',
            },
            '2024-08-01',
          ),
        )
        .thenThrows('TRANSFER.DEADLINE_ONLY_FOR_CARRY_OVER', { field: 'deadline' });
    });
  });
});
