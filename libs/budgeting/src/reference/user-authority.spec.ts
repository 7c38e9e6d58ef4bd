import { refusalOf } from '@app/testing/decider';
import {
  authorityOn,
  delegationInForce,
  delegationsOverlap,
  requireCapacity,
  sameDelegation,
} from './user-authority';
import type { Delegation, UserState } from './user.events';

const delegation = (
  validFrom: string,
  validTo: string | null,
  revokedOn: string | null = null,
  delegationId = 'phan-cong-2024',
): Delegation => ({
  delegationId,
  authority: {
    capacity: 'KT. Chủ tịch',
    title: 'Phó Chủ tịch',
    programParts: ['DA6', 'DA7'],
    units: [],
    validFrom,
    validTo,
  },
  legalBasis: ['12/QĐ-UBND'],
  revokedOn,
});

const approverState = (
  delegations: Delegation[],
  deactivatedOn: string | null = null,
  role: 'approver' | 'officer' = 'approver',
): UserState => ({
  status: deactivatedOn === null ? 'active' : 'deactivated',
  profile: { userId: 'lu-dinh-tich', name: 'Lữ Đình Tích', role, unit: null },
  delegations,
  deactivatedOn,
});

describe('an approver’s authority', () => {
  describe('the capacity signed in', () => {
    it('is on behalf of the head (KT., TM., TL., TUQ.) or the head’s own, trimmed', () => {
      for (const capacity of [
        'KT. Chủ tịch',
        'TM. Ủy ban nhân dân',
        'TL. Chủ tịch',
        'TUQ. Chủ tịch',
      ]) {
        expect(requireCapacity(capacity)).toBe(capacity);
      }
      expect(requireCapacity('  Chủ tịch ')).toBe('Chủ tịch');
    });

    it('refuses anything else, quoting it', () => {
      for (const capacity of [
        'Phó Chủ tịch',
        'KT Chủ tịch',
        'KT.Chủ tịch',
        'KT. ',
        '',
        'kt. Chủ tịch',
      ]) {
        const error = refusalOf(() => requireCapacity(capacity));
        expect({ capacity, code: error.code, details: error.details }).toEqual({
          capacity,
          code: 'USER.INVALID_CAPACITY',
          details: { field: 'capacity' },
        });
        expect(error.messages.en).toContain(`"${capacity}"`);
      }
      expect(refusalOf(() => requireCapacity(7 as unknown as string)).code).toBe(
        'USER.INVALID_CAPACITY',
      );
    });
  });

  describe('a delegation in force', () => {
    it('runs from its first to its last day', () => {
      const d = delegation('2024-01-05', '2025-06-30');
      expect(delegationInForce(d, '2024-01-04')).toBe(false);
      expect(delegationInForce(d, '2024-01-05')).toBe(true);
      expect(delegationInForce(d, '2025-06-30')).toBe(true);
      expect(delegationInForce(d, '2025-07-01')).toBe(false);
      expect(delegationInForce(delegation('2024-01-05', null), '2099-01-01')).toBe(true);
    });

    it('ends the day before it was revoked, unless it ended earlier', () => {
      const revoked = delegation('2024-01-05', '2025-06-30', '2024-03-01');
      expect(delegationInForce(revoked, '2024-02-29')).toBe(true);
      expect(delegationInForce(revoked, '2024-03-01')).toBe(false);
      const openRevoked = delegation('2024-01-05', null, '2025-01-01');
      expect(delegationInForce(openRevoked, '2024-12-31')).toBe(true);
      expect(delegationInForce(openRevoked, '2025-01-01')).toBe(false);
      const endedFirst = delegation('2024-01-05', '2024-06-30', '2024-09-01');
      expect(delegationInForce(endedFirst, '2024-06-30')).toBe(true);
      expect(delegationInForce(endedFirst, '2024-07-01')).toBe(false);
      const revokedOnLastDay = delegation('2024-01-05', '2024-06-30', '2024-07-01');
      expect(delegationInForce(revokedOnLastDay, '2024-06-30')).toBe(true);
    });
  });

  describe('two delegations', () => {
    it('overlap when both could be in force on one day, ends included', () => {
      const first = delegation('2024-01-01', '2024-06-30');
      expect(delegationsOverlap(first, delegation('2024-06-30', '2024-12-31'))).toBe(true);
      expect(delegationsOverlap(delegation('2024-06-30', '2024-12-31'), first)).toBe(true);
      expect(delegationsOverlap(first, delegation('2024-07-01', null))).toBe(false);
      expect(delegationsOverlap(delegation('2024-07-01', null), first)).toBe(false);
      expect(
        delegationsOverlap(delegation('2024-01-01', null), delegation('2030-01-01', null)),
      ).toBe(true);
      expect(delegationsOverlap(first, delegation('2023-01-01', '2023-12-31'))).toBe(false);
    });

    it('do not overlap with one revoked before it began', () => {
      const never = delegation('2024-07-01', null, '2024-07-01');
      const other = delegation('2024-01-01', null);
      expect(delegationsOverlap(never, other)).toBe(false);
      expect(delegationsOverlap(other, never)).toBe(false);
      // Revoked the day after it began: in force one day, which the other covers.
      expect(delegationsOverlap(other, delegation('2024-07-01', null, '2024-07-02'))).toBe(true);
    });

    it('are the same decision only when every term and the legal basis agree', () => {
      const d = delegation('2024-01-05', '2025-06-30');
      expect(sameDelegation(d, { ...d, revokedOn: '2024-03-01' })).toBe(true);
      const variants: Delegation[] = [
        { ...d, delegationId: 'khac' },
        { ...d, legalBasis: ['13/QĐ-UBND'] },
        { ...d, authority: { ...d.authority, capacity: 'TL. Chủ tịch' } },
        { ...d, authority: { ...d.authority, title: 'Chủ tịch' } },
        { ...d, authority: { ...d.authority, programParts: ['DA6'] } },
        { ...d, authority: { ...d.authority, units: ['LDTBXH'] } },
        { ...d, authority: { ...d.authority, validFrom: '2024-01-06' } },
        { ...d, authority: { ...d.authority, validTo: null } },
      ];
      for (const other of variants)
        expect({ other, same: sameDelegation(d, other) }).toEqual({ other, same: false });
    });
  });

  describe('on a business date', () => {
    const d = delegation('2024-01-05', '2025-06-30');

    it('is the delegation in force that day', () => {
      const later = delegation('2025-07-01', null, null, 'phan-cong-2025');
      const state = approverState([d, later]);
      expect(authorityOn(state, '2024-05-12')).toBe(d.authority);
      expect(authorityOn(state, '2025-07-01')).toBe(later.authority);
      expect(authorityOn(state, '2024-01-04')).toBeNull();
    });

    it('is none for a user who is not an approver, or not registered', () => {
      expect(authorityOn(approverState([d], null, 'officer'), '2024-05-12')).toBeNull();
      expect(authorityOn({ status: 'unregistered' }, '2024-05-12')).toBeNull();
    });

    it('ends on the day the user is deactivated', () => {
      const state = approverState([d], '2024-09-01');
      expect(authorityOn(state, '2024-08-31')).toBe(d.authority);
      expect(authorityOn(state, '2024-09-01')).toBeNull();
    });
  });
});
