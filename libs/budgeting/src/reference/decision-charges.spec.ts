import { deciderSpec } from '@app/testing/decider';
import type { Actor } from '../shared/actor';
import { admin, officer } from '../shared/testing/actors.fixture';
import {
  legalDocumentDecider,
  type LegalDocument,
  type LegalDocumentCommand,
  type LegalDocumentEvent,
} from './legal-document.decider';

/**
 * A decision that states its amount is charged with every allocation made under it, in the
 * document's own stream (decision-charges.ts): the decider's half of "two allocations
 * racing for the last đồng of a decision cannot both pass".
 */
const given = deciderSpec(legalDocumentDecider);

const decision: LegalDocument = {
  number: '30/QĐ-UBND',
  type: 'QĐ',
  issuer: 'UBND huyện Ba Tơ',
  issuedOn: '2024-03-25',
  signerName: null,
  signerCapacity: null,
  title: 'Giao dự toán kinh phí sự nghiệp năm 2024',
};
const registered = (amount?: bigint): LegalDocumentEvent => ({
  type: 'LegalDocumentRegistered',
  data: {
    ...decision,
    ...(amount === undefined ? {} : { amount }),
    registeredBy: admin,
    on: '2024-04-10',
  },
});
const charge = (
  allocationId: string,
  amount: bigint,
  actor: Actor = admin,
): LegalDocumentCommand => ({
  type: 'ChargeAllocation',
  actor,
  on: '2024-04-10',
  data: { allocationId, budgetLineId: 'line-1', amount },
});
const charged = (allocationId: string, amount: bigint): LegalDocumentEvent => ({
  type: 'AllocationCharged',
  data: { allocationId, budgetLineId: 'line-1', amount },
});
const release = (allocationId: string): LegalDocumentCommand => ({
  type: 'ReleaseAllocation',
  actor: admin,
  on: '2024-04-10',
  data: { allocationId, reason: 'Giao dự toán bị từ chối' },
});
const released = (allocationId: string, amount: bigint): LegalDocumentEvent => ({
  type: 'AllocationChargeReleased',
  data: { allocationId, amount, reason: 'Giao dự toán bị từ chối' },
});

describe('charging allocations to their decision', () => {
  it('refuses a decision that is not registered', () => {
    given([]).when(charge('a1', 1n)).thenThrows('DOCUMENT.NOT_REGISTERED');
  });

  it('is the allocating admin’s to do, not an officer’s', () => {
    given([registered(1_000n)])
      .when(charge('a1', 1n, officer))
      .thenThrows('AUTH.ROLE_FORBIDDEN');
  });

  it('charges nothing to a decision that states no amount', () => {
    given([registered()]).when(charge('a1', 5_000_000n)).then([]);
  });

  describe('when the decision states 1.000 đồng', () => {
    it('charges allocations up to the last đồng', () => {
      const state = given([registered(1_000n), charged('a1', 600n)])
        .when(charge('a2', 400n))
        .then([charged('a2', 400n)]);
      expect(state).toMatchObject({ charged: 1_000n });
    });

    it('refuses one đồng more, naming the field, the decision and its amount', () => {
      const error = given([registered(1_000n), charged('a1', 600n)])
        .when(charge('a2', 401n))
        .thenThrows('DOCUMENT.AMOUNT_EXCEEDED', {
          field: 'amount',
          decision: '30/QĐ-UBND',
          amount: '1000',
        });
      expect(error.messages.vi).toContain('30/QĐ-UBND');
    });

    it('answers a repeated charge of the same allocation with nothing new', () => {
      given([registered(1_000n), charged('a1', 600n)])
        .when(charge('a1', 600n))
        .then([]);
    });

    it('releases a charge, so that its money can be charged again', () => {
      const history = [registered(1_000n), charged('a1', 600n)];
      const state = given(history)
        .when(release('a1'))
        .then([released('a1', 600n)]);
      expect(state).toMatchObject({ charged: 0n });
      given([...history, released('a1', 600n)])
        .when(charge('a2', 1_000n))
        .then([charged('a2', 1_000n)]);
    });

    it('keeps the other allocations’ charges when one is released', () => {
      const history = [
        registered(1_000n),
        charged('a1', 600n),
        charged('a2', 300n),
        released('a2', 300n),
      ];
      expect(given(history).state).toMatchObject({ charged: 600n, charges: { a1: 600n, a2: 0n } });
      given(history).when(charge('a1', 600n)).then([]);
      given(history)
        .when(release('a1'))
        .then([released('a1', 600n)]);
    });

    it('releases nothing for an allocation never charged or already released', () => {
      given([registered(1_000n)])
        .when(release('a1'))
        .then([]);
      given([registered(1_000n), charged('a1', 600n), released('a1', 600n)])
        .when(release('a1'))
        .then([]);
    });
  });
});
