import { deciderSpec } from '@app/testing/decider';
import {
  activitySpendingDecider,
  type ActivitySpendingCommand,
  type ActivitySpendingEvent,
} from './activity-spending.decider';

const given = deciderSpec(activitySpendingDecider);
const LINE = '2024.DA6.TDA2.central.2024.LDTBXH';
const PANO = 'DA6.TDA2-pano';
const where = { fiscalYear: 2024, leadUnit: 'LDTBXH', activityId: PANO } as const;

const reserved = (expenditureId: string, amount: bigint): ActivitySpendingEvent => ({
  type: 'ActivitySpendingReserved',
  data: {
    ...where,
    version: 1,
    decision: '120/KH-UBND',
    expenditureId,
    budgetLineId: LINE,
    amount,
    plannedAmount: 50_000_000n,
  },
});
const recovery = (eventId: string) => ({
  eventId,
  receipt: `PT-${eventId}`,
  recoveredOn: '2024-08-20',
  returnsTo: 'line' as const,
});
const giveBack = (expenditureId: string, amount: bigint, by: string): ActivitySpendingCommand => ({
  type: 'GiveBackRecoveredSpending',
  data: { ...where, expenditureId, amount, recovery: recovery(by) },
});
const givenBack = (expenditureId: string, amount: bigint, by: string): ActivitySpendingEvent => ({
  type: 'ActivitySpendingGivenBack',
  data: {
    ...where,
    expenditureId,
    budgetLineId: LINE,
    amount,
    reason: 'advance recovered',
    recovery: recovery(by),
  },
});

describe('an advance’s recovered money gives its activity room back (thu hồi tạm ứng)', () => {
  it('gives back what was recovered, by which recovery, so the room equals what was spent', () => {
    const state = given([reserved('adv', 30_000_000n)])
      .when(giveBack('adv', 10_000_000n, 'r1'))
      .then([givenBack('adv', 10_000_000n, 'r1')]);
    expect(state.committed).toBe(20_000_000n);
  });

  it('lets a new proposal fit the freed room, to the last đồng and not one more', () => {
    const history = [reserved('adv', 50_000_000n), givenBack('adv', 10_000_000n, 'r1')];
    const state = given(history)
      .when(giveBack('adv', 1n, 'r1'))
      .then([]);
    expect(state.committed).toBe(40_000_000n);
  });

  it('gives back each recovery once: a redelivered recovery records nothing', () => {
    const once = [reserved('adv', 30_000_000n), givenBack('adv', 10_000_000n, 'r1')];
    given(once)
      .when(giveBack('adv', 10_000_000n, 'r1'))
      .then([]);
    given(once)
      .when(giveBack('adv', 5_000_000n, 'r2'))
      .then([givenBack('adv', 5_000_000n, 'r2')]);
  });

  it('never gives back more than the expenditure still holds', () => {
    const history = [reserved('adv', 30_000_000n), givenBack('adv', 25_000_000n, 'r1')];
    const state = given(history)
      .when(giveBack('adv', 10_000_000n, 'r2'))
      .then([givenBack('adv', 5_000_000n, 'r2')]);
    expect(state.committed).toBe(0n);
    given([...history, givenBack('adv', 5_000_000n, 'r2')])
      .when(giveBack('adv', 1n, 'r3'))
      .then([]);
  });

  it('gives back nothing for spending never reserved or already released', () => {
    given([])
      .when(giveBack('adv', 1n, 'r1'))
      .then([]);
    const released: ActivitySpendingEvent = {
      type: 'ActivitySpendingReleased',
      data: { ...where, expenditureId: 'adv', budgetLineId: LINE, amount: 1n, reason: 'reversed' },
    };
    given([reserved('adv', 1n), released])
      .when(giveBack('adv', 1n, 'r1'))
      .then([]);
  });

  it('releases, after a partial give-back, only what is still held', () => {
    const state = given([reserved('adv', 30_000_000n), givenBack('adv', 10_000_000n, 'r1')])
      .when({
        type: 'ReleaseActivitySpending',
        data: { ...where, expenditureId: 'adv', reason: 'reversed' },
      })
      .then([
        {
          type: 'ActivitySpendingReleased',
          data: {
            ...where,
            expenditureId: 'adv',
            budgetLineId: LINE,
            amount: 20_000_000n,
            reason: 'reversed',
          },
        },
      ]);
    expect(state.committed).toBe(0n);
  });
});
