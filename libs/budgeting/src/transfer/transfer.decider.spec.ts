import { deciderSpec } from '@app/testing/decider';
import type { Actor, Authority } from '../shared/actor';
import {
  approver,
  officer,
  transferProcess,
  viceChairman2024 as authority,
} from '../shared/testing/actors.fixture';
import {
  transferDecider,
  transferStreamId,
  type TransferCommand,
  type TransferEvent,
  type TransferRequest,
} from './transfer.decider';

const given = deciderSpec(transferDecider);

const SOURCE = '2024.DA7.TDA1.central.2024.LDTBXH';
// An officer requests transfers between lines of their own unit.
const TARGET = '2024.DA6.TDA2.central.2024.LDTBXH';
/** 2023 money of the same part and source, carried into 2024 (Decision 699/QĐ-UBND). */
const LINE_2023 = '2023.DA7.TDA1.district.2023.LDTBXH';
const CARRIED_2024 = '2024.DA7.TDA1.district.2023.LDTBXH';

const reallocation: TransferRequest = {
  transferId: 't-120',
  kind: 'reallocation',
  fromLine: SOURCE,
  toLine: TARGET,
  amount: 400_000n,
  decision: '120/QĐ-UBND',
  legalBasis: ['120/QĐ-UBND'],
};

const request = (
  data: Partial<TransferRequest> = {},
  actor: Actor = officer,
  on = '2024-08-01',
): TransferCommand => ({
  type: 'RequestTransfer',
  actor,
  on,
  data: { ...reallocation, ...data },
});
const approve = (
  actor: Actor = approver,
  auth: Authority | null = authority,
  on = '2024-08-02',
): TransferCommand => ({ type: 'ApproveTransfer', actor, on, data: { authority: auth } });
const reject = (
  actor: Actor = approver,
  auth: Authority | null = authority,
  on = '2024-08-02',
): TransferCommand => ({
  type: 'RejectTransfer',
  actor,
  on,
  data: { authority: auth, reason: 'Chưa đủ căn cứ' },
});
const complete: TransferCommand = {
  type: 'CompleteTransfer',
  actor: transferProcess,
  on: '2024-08-03',
};
const fail: TransferCommand = {
  type: 'FailTransfer',
  actor: transferProcess,
  on: '2024-08-03',
  data: { code: 'BUDGET.LINE_OVERDRAWN', reason: 'Vượt dự toán' },
};

const requested = (data: Partial<TransferRequest> = {}, by = officer.userId): TransferEvent => ({
  type: 'TransferRequested',
  data: { ...reallocation, ...data, requestedBy: by },
});
const approved: TransferEvent = {
  type: 'TransferApproved',
  data: {
    transferId: 't-120',
    approvedBy: approver.userId,
    authority: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' },
  },
};
const rejected: TransferEvent = {
  type: 'TransferRejected',
  data: { transferId: 't-120', rejectedBy: approver.userId, reason: 'Chưa đủ căn cứ' },
};
const completed: TransferEvent = { type: 'TransferCompleted', data: { transferId: 't-120' } };
const failed: TransferEvent = {
  type: 'TransferFailed',
  data: { transferId: 't-120', code: 'BUDGET.LINE_OVERDRAWN', reason: 'Vượt dự toán' },
};

describe('transfer', () => {
  it('lives in its own stream, named after its id', () => {
    expect(transferStreamId('t-120')).toBe('transfer-t-120');
  });

  describe('when nothing was requested', () => {
    it('records a reallocation requested by an officer, with who requested it', () => {
      const state = given([]).when(request()).then([requested()]);
      expect(state).toEqual({
        status: 'requested',
        request: { ...reallocation, requestedBy: officer.userId },
      });
    });

    it('takes a reallocation decided on 15/11, the last day the law allows', () => {
      given([])
        .when(request({}, officer, '2024-11-15'))
        .then([requested()]);
    });

    it('refuses a reallocation decided after 15/11 (Law on the State Budget, Art. 53)', () => {
      const error = given([])
        .when(request({}, officer, '2024-11-16'))
        .thenThrows('TRANSFER.AFTER_REALLOCATION_DEADLINE');
      expect(error.messages.vi).toContain('15/11/2024');
      expect(error.messages.en).toContain('15/11/2024');
    });

    it('refuses a request by anyone but an officer', () => {
      for (const role of ['approver', 'accountant', 'admin', 'auditor'] as const) {
        given([])
          .when(request({}, { ...officer, role }))
          .thenThrows('AUTH.ROLE_FORBIDDEN', { role });
      }
    });

    it('refuses a zero or negative amount as invalid input', () => {
      for (const amount of [0n, -1n]) {
        const error = given([])
          .when(request({ amount }))
          .thenThrows('VALIDATION.AMOUNT_NOT_POSITIVE');
        expect(error.kind).toBe('validation');
      }
      given([])
        .when(request({ amount: 1n }))
        .then([requested({ amount: 1n })]);
    });

    it('refuses moving money from a line to itself', () => {
      const error = given([])
        .when(request({ toLine: SOURCE }))
        .thenThrows('TRANSFER.SAME_LINE');
      expect(error.kind).toBe('validation');
    });

    it('refuses a line id that is not one', () => {
      given([])
        .when(request({ toLine: 'not-a-line' }))
        .thenThrows('VALIDATION.BUDGET_LINE_KEY');
      given([])
        .when(request({ fromLine: '2024.DA7.TDA1.nowhere.2024.LDTBXH' }))
        .thenThrows('VALIDATION.BUDGET_LINE_KEY');
    });

    it('refuses a reallocation without a source line', () => {
      const error = given([])
        .when(request({ fromLine: null }))
        .thenThrows('TRANSFER.SOURCE_REQUIRED');
      expect(error.kind).toBe('validation');
    });

    it('refuses a reallocation across fiscal years', () => {
      const error = given([])
        .when(request({ fromLine: '2023.DA7.TDA1.central.2023.LDTBXH' }))
        .thenThrows('TRANSFER.ACROSS_YEARS');
      expect(error.kind).toBe('rule');
    });
  });

  describe('when money is carried over into the next year', () => {
    const carry = (data: Partial<TransferRequest>, on = '2024-03-19') =>
      request(
        { kind: 'carry_over', fromLine: LINE_2023, toLine: CARRIED_2024, ...data },
        officer,
        on,
      );

    it('takes a carry-over from the previous year that keeps its source year, at any date', () => {
      given([])
        .when(carry({}, '2024-12-20'))
        .thenMatches([{ type: 'TransferRequested', data: { kind: 'carry_over' } }]);
    });

    it('takes a carry-over from a year this ledger does not hold (no source line)', () => {
      given([])
        .when(carry({ fromLine: null }))
        .thenMatches([{ type: 'TransferRequested', data: { fromLine: null } }]);
    });

    it('refuses a carry-over onto current-year money', () => {
      given([])
        .when(carry({ toLine: '2024.DA7.TDA1.district.2024.LDTBXH' }))
        .thenThrows('TRANSFER.NOT_A_CARRY_OVER');
      given([])
        .when(carry({ fromLine: null, toLine: '2024.DA7.TDA1.district.2024.LDTBXH' }))
        .thenThrows('TRANSFER.NOT_A_CARRY_OVER');
    });

    it('refuses a carry-over that skips a year or changes the source year', () => {
      given([])
        .when(carry({ fromLine: '2022.DA7.TDA1.district.2022.LDTBXH' }))
        .thenThrows('TRANSFER.NOT_A_CARRY_OVER');
      given([])
        .when(carry({ fromLine: '2023.DA7.TDA1.district.2022.LDTBXH' }))
        .thenThrows('TRANSFER.NOT_A_CARRY_OVER');
      given([])
        .when(carry({ fromLine: '2024.DA7.TDA2.district.2023.LDTBXH' }))
        .thenThrows('TRANSFER.NOT_A_CARRY_OVER');
    });
  });

  describe('when a transfer was requested', () => {
    it('records the approval with the capacity the approver signs in', () => {
      const state = given([requested()]).when(approve()).then([approved]);
      expect(state.status).toBe('approved');
    });

    it('records a rejection with its reason', () => {
      const state = given([requested()]).when(reject()).then([rejected]);
      expect(state.status).toBe('rejected');
    });

    it('refuses an approver approving or rejecting what they requested themselves', () => {
      // The officer who requested it has since been made an approver.
      const history = [requested({}, approver.userId)];
      given(history).when(approve()).thenThrows('AUTH.SEGREGATION_OF_DUTIES');
      given(history).when(reject()).thenThrows('AUTH.SEGREGATION_OF_DUTIES');
    });

    it('refuses a decision by another account of the person who requested it', () => {
      const officerAccount = { ...officer, personId: 'cccd-051090001234' };
      const state = given([])
        .when(request({}, officerAccount))
        .then([
          {
            type: 'TransferRequested',
            data: {
              ...reallocation,
              requestedBy: officer.userId,
              requestedByPerson: 'cccd-051090001234',
            },
          },
        ]);
      const history = [{ type: 'TransferRequested' as const, data: state.request! }];
      const sameperson = { ...approver, personId: 'cccd-051090001234' };
      given(history).when(approve(sameperson)).thenThrows('AUTH.SEGREGATION_OF_DUTIES');
      given(history).when(approve()).then([approved]);
    });

    it('refuses a decision dated before the request it decides', () => {
      const decide = (on: string): TransferCommand => ({
        type: 'ApproveTransfer',
        actor: approver,
        on,
        data: { authority, requestedOn: '2024-08-01' },
      });
      given([requested()]).when(decide('2024-07-31')).thenThrows('DATE.BEFORE_DECIDED_ITEM');
      given([requested()]).when(decide('2024-08-01')).then([approved]);
    });

    it('checks the delegation on the day the decision is recorded too', () => {
      // Dated 2/8/2024 under a delegation that ended 31/12/2024, but recorded in 2025.
      const late: TransferCommand = { ...approve(), recordedOn: '2025-01-05' };
      given([requested()]).when(late).thenThrows('AUTH.OUTSIDE_DELEGATION');
      given([requested()])
        .when({ ...approve(), recordedOn: '2024-12-31' })
        .then([approved]);
    });

    it('refuses a decision by anyone but an approver', () => {
      for (const actor of [officer, { ...approver, role: 'admin' as const }]) {
        given([requested()]).when(approve(actor)).thenThrows('AUTH.ROLE_FORBIDDEN');
        given([requested()]).when(reject(actor)).thenThrows('AUTH.ROLE_FORBIDDEN');
      }
    });

    it('refuses a decision outside the delegation over either line, or on a date it does not cover', () => {
      const cases: (Authority | null)[] = [
        null,
        { ...authority, programParts: ['DA7'] }, // covers the source, not the destination
        { ...authority, programParts: ['DA6'] }, // covers the destination, not the source
        { ...authority, units: ['YTE'] }, // another unit's lines
        { ...authority, validTo: '2024-08-01' },
      ];
      for (const auth of cases) {
        const error = given([requested()])
          .when(approve(approver, auth))
          .thenThrows('AUTH.OUTSIDE_DELEGATION');
        expect(error.kind).toBe('forbidden');
        given([requested()]).when(reject(approver, auth)).thenThrows('AUTH.OUTSIDE_DELEGATION');
      }
      given([requested()])
        .when(approve(approver, { ...authority, units: ['YTE', 'LDTBXH'] }))
        .then([approved]);
    });

    it('checks the destination alone when the money comes from outside the ledger', () => {
      const history = [requested({ kind: 'carry_over', fromLine: null, toLine: CARRIED_2024 })];
      given(history)
        .when(approve(approver, { ...authority, programParts: ['DA7'] }))
        .then([approved]);
    });

    it('refuses requesting it again', () => {
      given([requested()]).when(request()).thenThrows('TRANSFER.INVALID_STATE');
    });

    it('refuses settling it before it is approved', () => {
      const error = given([requested()]).when(complete).thenThrows('TRANSFER.INVALID_STATE');
      expect(error.kind).toBe('conflict');
      expect(error.messages.en).toContain('requested');
      given([requested()]).when(fail).thenThrows('TRANSFER.INVALID_STATE');
    });
  });

  describe('when the transfer was approved', () => {
    const history = [requested(), approved];

    it('records completion once the process manager moved the money', () => {
      expect(given(history).when(complete).then([completed]).status).toBe('completed');
    });

    it('records failure with the refusal that stopped it', () => {
      expect(given(history).when(fail).then([failed]).status).toBe('failed');
    });

    it('refuses deciding again, naming the state it is in', () => {
      const error = given(history).when(approve()).thenThrows('TRANSFER.INVALID_STATE');
      expect(error.messages.vi).toContain('approved');
      given(history).when(reject()).thenThrows('TRANSFER.INVALID_STATE');
    });
  });

  describe('when the transfer was settled', () => {
    it('answers a retried settlement step with nothing new', () => {
      for (const settled of [completed, failed]) {
        given([requested(), approved, settled]).when(complete).then([]);
        given([requested(), approved, settled]).when(fail).then([]);
      }
    });

    it('refuses deciding on it again', () => {
      given([requested(), approved, completed])
        .when(approve())
        .thenThrows('TRANSFER.INVALID_STATE');
      given([requested(), rejected]).when(reject()).thenThrows('TRANSFER.INVALID_STATE');
      given([requested(), rejected]).when(complete).thenThrows('TRANSFER.INVALID_STATE');
    });
  });

  describe('when no such transfer exists', () => {
    it('refuses every decision on it as not found', () => {
      for (const command of [approve(), reject(), complete, fail]) {
        const error = given([]).when(command).thenThrows('TRANSFER.NOT_FOUND');
        expect(error.kind).toBe('not_found');
      }
    });
  });
});
