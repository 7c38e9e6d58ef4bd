import {
  allocated,
  approved,
  dated,
  disbursed,
  given,
  lineId,
  opened,
  proposed,
} from '../budget-line/testing/budget-line.fixture';
import { settlementOf, unsettledRemainder } from './fiscal-year.settlement';

/**
 * What a line still holds at the year's close: money never committed plus money approved
 * but not paid. Paid money is settled; so is nothing else.
 */
describe('what is left to settle on a line at the year’s close', () => {
  const spent = [
    dated(opened, '2024-03-25'),
    dated(allocated(1_000_000n), '2024-03-25'),
    dated(proposed('e1', 100_000n), '2024-05-10'),
    dated(approved('e1', 100_000n), '2024-05-12'),
    dated(disbursed('e1', 100_000n), '2024-05-20'),
    dated(proposed('e2', 50_000n), '2024-06-10'),
    dated(approved('e2', 50_000n), '2024-06-12'),
  ];

  it('counts the uncommitted money and the approved-but-unpaid, not what was paid', () => {
    const state = given(spent).state;
    // 850 000 never committed + 50 000 approved and unpaid (e2); e1's 100 000 was paid.
    expect(unsettledRemainder(state)).toBe(900_000n);
    expect(settlementOf(lineId, state)).toEqual({ lineId, remainder: 900_000n });
  });

  it('is nothing once everything allocated was paid', () => {
    const state = given([
      dated(opened, '2024-03-25'),
      dated(allocated(100_000n), '2024-03-25'),
      dated(proposed('e1', 100_000n), '2024-05-10'),
      dated(approved('e1', 100_000n), '2024-05-12'),
      dated(disbursed('e1', 100_000n), '2024-05-20'),
    ]).state;
    expect(unsettledRemainder(state)).toBe(0n);
  });
});
