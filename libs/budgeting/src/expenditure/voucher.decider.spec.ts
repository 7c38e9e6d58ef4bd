import { deciderSpec } from '@app/testing/decider';
import {
  normalizeVoucher,
  voucherDecider,
  voucherStreamId,
  type VoucherCommand,
  type VoucherEvent,
} from './voucher.decider';

const given = deciderSpec(voucherDecider);
const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const OTHER_LINE = '2024.DA7.TDA1.central.2024.YTE';

const claim = (expenditureId: string, budgetLineId = LINE): VoucherCommand => ({
  type: 'ClaimVoucher',
  data: { voucher: 'HĐ-0012', expenditureId, budgetLineId },
});
const claimed = (expenditureId: string, budgetLineId = LINE): VoucherEvent => ({
  type: 'VoucherClaimed',
  data: { voucher: 'HĐ-0012', expenditureId, budgetLineId },
});
const release = (expenditureId: string): VoucherCommand => ({
  type: 'ReleaseVoucher',
  data: { voucher: 'HĐ-0012', expenditureId, reason: 'Khoản chi bị từ chối' },
});
const released = (expenditureId: string): VoucherEvent => ({
  type: 'VoucherReleased',
  data: { voucher: 'HĐ-0012', expenditureId, reason: 'Khoản chi bị từ chối' },
});

describe('voucher (no double funding program-wide, Circular 55/2023/TT-BTC Art. 3)', () => {
  describe('its number', () => {
    it('is the same however it was typed: case, spaces, dots, dashes and underscores', () => {
      for (const typed of ['hđ-0012', 'HĐ 0012', ' HĐ.0012 ', 'HĐ_00-12', 'HĐ\t0012']) {
        expect(normalizeVoucher(typed)).toBe('HĐ0012');
      }
      expect(voucherStreamId('hđ 0012')).toBe('voucher-HĐ0012');
    });

    it('is compared in one Unicode form: a decomposed Đ/ơ is the same letter', () => {
      // "Tờ" typed with a combining grave accent (NFD) against the composed form.
      expect(normalizeVoucher('To\u031B\u0300-01')).toBe(normalizeVoucher('T\u1EDD-01'));
      expect(normalizeVoucher('To\u031B\u0300-01')).toBe('T\u1EDC01');
    });

    it('keeps what distinguishes two numbers', () => {
      expect(normalizeVoucher('HĐ-0012')).not.toBe(normalizeVoucher('HĐ-0021'));
      expect(normalizeVoucher('HĐ/0012')).toBe('HĐ/0012');
    });
  });

  describe('when nobody has claimed it', () => {
    it('is claimed by the first expenditure, on its line', () => {
      const state = given([])
        .when(claim('e1'))
        .then([claimed('e1')]);
      expect(state).toEqual({ claimedBy: 'e1' });
    });

    it('has nothing to release', () => {
      given([]).when(release('e1')).then([]);
    });
  });

  describe('when an expenditure holds it', () => {
    it('refuses another expenditure, on any line, naming the holder', () => {
      for (const line of [LINE, OTHER_LINE]) {
        const error = given([claimed('e1')])
          .when(claim('e2', line))
          .thenThrows('BUDGET.DOUBLE_FUNDING', { voucher: 'HĐ-0012', expenditureId: 'e1' });
        expect(error.kind).toBe('conflict');
      }
    });

    it('answers the holder claiming it again with nothing new (a retried proposal)', () => {
      given([claimed('e1')])
        .when(claim('e1'))
        .then([]);
    });

    it('is released by its holder only', () => {
      given([claimed('e1')])
        .when(release('e2'))
        .then([]);
      const state = given([claimed('e1')])
        .when(release('e1'))
        .then([released('e1')]);
      expect(state).toEqual({ claimedBy: null });
    });
  });

  describe('when its holder gave it back', () => {
    it('may be claimed by another expenditure', () => {
      given([claimed('e1'), released('e1')])
        .when(claim('e2', OTHER_LINE))
        .then([claimed('e2', OTHER_LINE)]);
    });

    it('ignores a late release by a former holder', () => {
      const history = [claimed('e1'), released('e1'), claimed('e2'), released('e1')];
      expect(given(history).state).toEqual({ claimedBy: 'e2' });
      given(history).when(claim('e3')).thenThrows('BUDGET.DOUBLE_FUNDING', { expenditureId: 'e2' });
    });
  });
});
