import type { DomainEvent } from '../event-codec';
import type { DataSet, SignatoryItem } from './data-set';
import { referenceSteps } from './reference-steps';

const chief: SignatoryItem = {
  capacity: 'chief_accountant',
  standing: 'chief_accountant',
  personId: 'ke-toan-ldtbxh',
  name: 'Kế toán trưởng',
  title: 'Kế toán trưởng',
  validFrom: '2024-01-02',
  specimen: { number: 'KBBT-2024-019', registeredOn: '2024-01-02' },
  illustrative: true,
};
const set = (signatories: readonly SignatoryItem[]): DataSet => ({
  name: 'signatories',
  folder: '/nowhere',
  documents: [],
  people: [],
  lines: null,
  plan: null,
  units: [
    {
      code: 'LDTBXH',
      name: 'Phòng Lao động – Thương binh và Xã hội huyện Ba Tơ',
      kind: 'lead_agency',
      validFrom: '2021-01-01',
      signatories,
    },
  ],
});
const ledger = { events: () => [], fiscalYearClosed: () => false };

describe('a data set’s unit signatories (units.yaml → signatories)', () => {
  it('registers each after its unit, on the unit’s stream, through the unit’s own decider', () => {
    const [unit, signatory] = referenceSteps(set([chief]));
    const history = unit?.decide([], ledger) as DomainEvent[];
    expect(signatory).toMatchObject({
      kind: 'signatory',
      streamId: 'unit-LDTBXH',
      path: ['units', 0, 'signatories', 0],
      effectiveDate: '2024-01-02',
      illustrative: true,
    });
    expect(signatory?.decide(history, ledger)).toEqual([
      expect.objectContaining({
        type: 'UnitSignatoryRegistered',
        data: expect.objectContaining({ capacity: 'chief_accountant', validTo: null }),
      }),
    ]);
  });

  it('refuses what the register refuses, the refusal naming its field', () => {
    const [unit, signatory] = referenceSteps(set([{ ...chief, standing: 'head' }]));
    const history = unit?.decide([], ledger) as DomainEvent[];
    expect(() => signatory?.decide(history, ledger)).toThrow(
      expect.objectContaining({ code: 'SIGNATORY.STANDING_MISMATCH' }),
    );
  });
});
