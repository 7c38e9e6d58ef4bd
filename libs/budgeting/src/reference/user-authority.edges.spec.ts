import { delegationsOverlap, sameDelegation } from './user-authority';
import type { Delegation } from './user.events';

// Edges of comparing delegations found by mutation testing (README, "Mutation testing").
const delegation = (
  validFrom: string,
  validTo: string | null,
  revokedOn: string | null = null,
): Delegation => ({
  delegationId: 'phan-cong-2024',
  authority: {
    capacity: 'KT. Chủ tịch',
    title: 'Phó Chủ tịch',
    programParts: ['DA6', 'DA7'],
    units: ['LDTBXH', 'YTE'],
    validFrom,
    validTo,
  },
  legalBasis: ['12/QĐ-UBND', '30/QĐ-UBND'],
  revokedOn,
});

describe('delegations compared', () => {
  it('overlap when the first is in force a single day that the second covers', () => {
    const other = delegation('2024-01-01', null);
    const revokedNextDay = delegation('2024-07-01', null, '2024-07-02');
    const oneDay = delegation('2024-07-01', '2024-07-01');
    expect(delegationsOverlap(revokedNextDay, other)).toBe(true);
    expect(delegationsOverlap(oneDay, other)).toBe(true);
    expect(delegationsOverlap(other, oneDay)).toBe(true);
  });

  it('are the same decision when every unit and every cited document agree, in order', () => {
    const d = delegation('2024-01-05', '2025-06-30');
    expect(sameDelegation(d, { ...d })).toBe(true);
    expect(sameDelegation(d, { ...d, legalBasis: ['30/QĐ-UBND', '12/QĐ-UBND'] })).toBe(false);
    expect(
      sameDelegation(d, { ...d, authority: { ...d.authority, units: ['YTE', 'LDTBXH'] } }),
    ).toBe(false);
  });
});
