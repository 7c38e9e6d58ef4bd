import { admin, officer } from '../shared/testing/actors.fixture';
import { deciderSpec } from '@app/testing/decider';
import {
  isUnitActiveOn,
  spendingUnitDecider,
  streamIdForSpendingUnit,
  type SpendingUnit,
  type SpendingUnitCommand,
  type SpendingUnitEvent,
} from './spending-unit.decider';

const given = deciderSpec(spendingUnitDecider);

// validFrom is illustrative; the district level ended on 1/7/2025, so its last day is 30/6.
const labourOffice: SpendingUnit = {
  code: 'LDTBXH',
  name: 'Phòng Lao động - Thương binh và Xã hội',
  kind: 'lead_agency',
  validFrom: '2021-01-01',
  validTo: null,
};
const register = (data: SpendingUnit = labourOffice, actor = admin): SpendingUnitCommand => ({
  type: 'RegisterSpendingUnit',
  actor,
  on: '2024-01-02',
  data,
});
const registered: SpendingUnitEvent = {
  type: 'SpendingUnitRegistered',
  data: { ...labourOffice, registeredBy: admin, on: '2024-01-02' },
};
const endOn = (validTo: string | null, legalBasis = ['72/2025/QH15']): SpendingUnitCommand => ({
  type: 'ChangeUnitValidity',
  actor: admin,
  on: '2025-07-01',
  data: { code: 'LDTBXH', validTo, reason: 'Kết thúc hoạt động cấp huyện', legalBasis },
});
const ended: SpendingUnitEvent = {
  type: 'SpendingUnitValidityChanged',
  data: {
    code: 'LDTBXH',
    previousValidTo: null,
    validTo: '2025-06-30',
    reason: 'Kết thúc hoạt động cấp huyện',
    legalBasis: ['72/2025/QH15'],
    changedBy: admin,
    on: '2025-07-01',
  },
};

describe('spending units', () => {
  it('live in streams named after their code', () => {
    expect(streamIdForSpendingUnit('LDTBXH')).toBe('unit-LDTBXH');
  });

  describe('when the unit is not registered', () => {
    it('registers it', () => {
      given([]).when(register()).then([registered]);
    });

    it('refuses an end of validity before its start', () => {
      given([])
        .when(register({ ...labourOffice, validTo: '2020-12-31' }))
        .thenThrows('VALIDATION.VALIDITY_RANGE', { field: 'validTo' });
    });

    it('refuses an unknown kind', () => {
      given([])
        .when(register({ ...labourOffice, kind: 'ministry' as 'commune' }))
        .thenThrows('VALIDATION.NOT_ALLOWED', { field: 'kind' });
    });

    it('refuses a code with spaces or lowercase letters', () => {
      given([])
        .when(register({ ...labourOffice, code: 'Phòng LĐ' }))
        .thenThrows('UNIT.INVALID_CODE', { field: 'code' });
    });

    it('refuses a blank name', () => {
      given([])
        .when(register({ ...labourOffice, name: '' }))
        .thenThrows('VALIDATION.REQUIRED', { field: 'name' });
    });

    it('refuses anyone but an admin', () => {
      given([]).when(register(labourOffice, officer)).thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it('refuses a change of validity', () => {
      given([]).when(endOn('2025-06-30')).thenThrows('UNIT.NOT_REGISTERED');
    });
  });

  describe('when the unit is registered', () => {
    it('records nothing for the same registration again', () => {
      given([registered]).when(register()).then([]);
    });

    it('refuses a registration with other content', () => {
      given([registered])
        .when(register({ ...labourOffice, kind: 'district_agency' }))
        .thenThrows('UNIT.ALREADY_REGISTERED');
    });

    it('ends its validity the day before the district level was abolished', () => {
      const state = given([registered]).when(endOn('2025-06-30')).then([ended]);

      expect(isUnitActiveOn(state, '2025-06-30')).toBe(true);
      expect(isUnitActiveOn(state, '2025-07-01')).toBe(false);
    });

    it('refuses an end before its start', () => {
      given([registered])
        .when(endOn('2020-01-01'))
        .thenThrows('VALIDATION.VALIDITY_RANGE', { validFrom: '2021-01-01' });
    });

    it('refuses a legal basis that is not a document number', () => {
      given([registered])
        .when(endOn('2025-06-30', ['Luật 72']))
        .thenThrows('VALIDATION.DOCUMENT_NUMBER', { field: 'legalBasis[0]' });
    });

    it('records nothing when the end does not change', () => {
      given([registered]).when(endOn(null)).then([]);
    });

    it('is active from its first day', () => {
      const state = given([registered]).state;
      expect(isUnitActiveOn(state, '2020-12-31')).toBe(false);
      expect(isUnitActiveOn(state, '2021-01-01')).toBe(true);
    });
  });

  describe('when its validity has been ended', () => {
    it('still recognises the original registration replayed', () => {
      given([registered, ended]).when(register()).then([]);
    });

    it('reopens it when the end is removed', () => {
      const state = given([registered, ended])
        .when(endOn(null))
        .then([
          {
            type: 'SpendingUnitValidityChanged',
            data: { ...ended.data, previousValidTo: '2025-06-30', validTo: null },
          },
        ]);
      expect(isUnitActiveOn(state, '2026-01-01')).toBe(true);
    });
  });

  describe('when another registration comes for a registered unit', () => {
    it('refuses a change to any field, naming the code', () => {
      const changes: Partial<SpendingUnit>[] = [
        { name: 'Phòng Nội vụ' },
        { kind: 'commune' },
        { validFrom: '2021-01-02' },
        { validTo: '2030-12-31' },
      ];
      for (const change of changes) {
        given([registered])
          .when(register({ ...labourOffice, ...change }))
          .thenThrows('UNIT.ALREADY_REGISTERED', { field: 'code', code: 'LDTBXH' });
      }
    });
  });

  describe('when a change of validity names another unit or none', () => {
    it('refuses it as not registered, naming the code', () => {
      const other: SpendingUnitCommand = {
        ...endOn('2025-06-30'),
        data: { ...(endOn('2025-06-30').data as object), code: 'YTE' },
      } as SpendingUnitCommand;
      given([registered])
        .when(other)
        .thenThrows('UNIT.NOT_REGISTERED', { field: 'code', code: 'YTE' });
      given([]).when(endOn('2025-06-30')).thenThrows('UNIT.NOT_REGISTERED', { code: 'LDTBXH' });
    });

    it('refuses a code that is not text', () => {
      given([])
        .when(register({ ...labourOffice, code: 42 as unknown as string }))
        .thenThrows('UNIT.INVALID_CODE', { field: 'code' });
    });
  });

  it('knows no unit before registration', () => {
    expect(isUnitActiveOn(given([]).state, '2024-01-01')).toBe(false);
  });
});
