import type { Actor, Authority } from './actor';
import { authorize } from './authorization';
import { DomainError } from './domain-error';
import { policy } from './policy';

const approve = policy({
  name: 'Approve',
  kind: 'write',
  action: { vi: 'phê duyệt', en: 'approve' },
  roles: ['approver'],
  scope: 'delegation',
  segregation: true,
  notBefore: { vi: 'ngày đề nghị', en: 'the proposal' },
  doors: [],
});
const propose = policy({
  name: 'Propose',
  kind: 'write',
  action: { vi: 'đề nghị', en: 'propose' },
  roles: ['officer'],
  scope: 'own-unit',
  doors: [],
});
const reference = policy({
  name: 'Reference',
  kind: 'write',
  action: { vi: 'đăng ký', en: 'register' },
  roles: ['admin'],
  scope: 'district',
  doors: [],
});

const approver: Actor = { userId: 'u-tich', name: 'Lữ Đình Tích', role: 'approver', unit: null };
const officer: Actor = { userId: 'u-an', name: 'An', role: 'officer', unit: 'LDTBXH' };
const untilJune: Authority = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: ['DA7'],
  units: [],
  validFrom: '2024-01-01',
  validTo: '2024-06-30',
};
const line = { unit: 'LDTBXH', programPart: 'DA7.TDA1' };

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('authorize', () => {
  describe('when an approver’s delegation ended on 30/06/2024', () => {
    const subject = (on: string, recordedOn: string, proposedOn = '2024-05-10') => ({
      targets: [line],
      on,
      recordedOn,
      authority: untilJune,
      decidedItemOn: proposedOn,
      preparedBy: [{ userId: 'u-an' }],
    });

    it('lets them decide, in June, a proposal of May', () => {
      expect(authorize(approve, approver, subject('2024-06-10', '2024-06-10'))).toBe(untilJune);
    });

    it('refuses a decision recorded after it ended, whatever date it is given', () => {
      expect(refusal(() => authorize(approve, approver, subject('2024-06-01', '2024-09-02')))).toBe(
        'AUTH.OUTSIDE_DELEGATION',
      );
    });

    it('refuses a decision dated before the proposal it decides', () => {
      expect(refusal(() => authorize(approve, approver, subject('2024-05-01', '2024-06-10')))).toBe(
        'DATE.BEFORE_DECIDED_ITEM',
      );
    });

    it('refuses a program part outside the delegation', () => {
      const other = {
        ...subject('2024-06-10', '2024-06-10'),
        targets: [{ unit: 'LDTBXH', programPart: 'DA6.TDA2' }],
      };
      expect(refusal(() => authorize(approve, approver, other))).toBe('AUTH.OUTSIDE_DELEGATION');
    });
  });

  describe('when one person holds an officer’s and an approver’s account', () => {
    it('refuses the approver account deciding what the officer account proposed', () => {
      const same: Actor = { ...approver, userId: 'u-binh-2', personId: 'p-binh' };
      const subject = {
        targets: [line],
        on: '2024-06-10',
        recordedOn: '2024-06-10',
        authority: untilJune,
        preparedBy: [{ userId: 'u-binh-1', personId: 'p-binh' }],
      };
      expect(refusal(() => authorize(approve, same, subject))).toBe('AUTH.SEGREGATION_OF_DUTIES');
      expect(authorize(approve, approver, subject)).toBe(untilJune);
    });
  });

  describe('when the command is scoped to a unit', () => {
    it("refuses an officer acting on another unit's target, and one naming two units", () => {
      expect(refusal(() => authorize(propose, officer, { targets: [{ unit: 'TCKH' }] }))).toBe(
        'AUTH.UNIT_FORBIDDEN',
      );
      const transfer = { targets: [{ unit: 'LDTBXH' }, { unit: 'TCKH' }] };
      expect(refusal(() => authorize(propose, officer, transfer))).toBe('AUTH.UNIT_FORBIDDEN');
      expect(authorize(propose, officer, { targets: [{ unit: 'LDTBXH' }] })).toBeNull();
    });

    it('lets an administrator of the finance office act for every unit', () => {
      const financeAdmin: Actor = { userId: 'u-x', name: 'X', role: 'admin', unit: 'TCKH' };
      expect(authorize(reference, financeAdmin)).toBeNull();
      const allocateLike = { ...propose, roles: ['admin' as const] };
      expect(authorize(allocateLike, financeAdmin, { targets: [{ unit: 'LDTBXH' }] })).toBeNull();
    });
  });
});
