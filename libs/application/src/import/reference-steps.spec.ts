import type { DataSet, SignatoryItem } from './data-set';
import { dryRun } from './dry-run';
import { importContext, type ImportStep } from './import-step';
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
  folder: '.',
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

/** The steps run dry by the API's handlers on an empty ledger, as `budget import --dry-run`. */
const dry = (steps: readonly ImportStep[]) =>
  dryRun(steps, null, {
    context: (step) => importContext('signatories', step, 'import:signatories:dry-run'),
  });

describe('a data set’s unit signatories (units.yaml → signatories)', () => {
  it('registers each after its unit, on the unit’s stream, through the unit’s own decider', async () => {
    const steps = referenceSteps(set([chief]));
    expect(steps[1]).toMatchObject({
      kind: 'signatory',
      streamId: 'unit-LDTBXH',
      path: ['units', 0, 'signatories', 0],
      effectiveDate: '2024-01-02',
      illustrative: true,
    });
    const run = await dry(steps);
    expect(run.problems).toEqual([]);
    expect(run.events.map((e) => [e.streamId, e.type])).toEqual([
      ['unit-LDTBXH', 'SpendingUnitRegistered'],
      ['unit-LDTBXH', 'UnitSignatoryRegistered'],
    ]);
    expect(run.events[1]?.data).toMatchObject({ capacity: 'chief_accountant', validTo: null });
  });

  it('refuses what the register refuses, the refusal placed on the signatory', async () => {
    const run = await dry(referenceSteps(set([{ ...chief, standing: 'head' }])));
    expect(run.problems).toEqual([
      expect.objectContaining({
        file: 'units.yaml',
        path: expect.stringMatching(/^units\[0\]\.signatories\[0\]/),
        code: 'SIGNATORY.STANDING_MISMATCH',
      }),
    ]);
    expect(run.events.map((e) => e.type)).toEqual(['SpendingUnitRegistered']);
  });
});

describe('a data set’s unit mã ĐVQHNS (units.yaml → budgetRelationshipCodes)', () => {
  const withCodes = (
    codes: NonNullable<DataSet['units'][number]['budgetRelationshipCodes']>,
  ): DataSet => {
    const base = set([]);
    const [unit] = base.units;
    if (!unit) throw new Error('no unit');
    return { ...base, units: [{ ...unit, budgetRelationshipCodes: codes }] };
  };

  it('records each code after its unit, on the unit’s stream', async () => {
    const run = await dry(
      referenceSteps(
        withCodes([
          { budgetRelationshipCode: '1040123', validFrom: '2021-01-01' },
          { budgetRelationshipCode: '1040999', validFrom: '2024-07-01', certificate: '5/GCN' },
        ]),
      ),
    );
    expect(run.problems).toEqual([]);
    expect(run.events.map((e) => [e.streamId, e.type])).toEqual([
      ['unit-LDTBXH', 'SpendingUnitRegistered'],
      ['unit-LDTBXH', 'BudgetRelationshipCodeRecorded'],
      ['unit-LDTBXH', 'BudgetRelationshipCodeRecorded'],
    ]);
    expect(run.events[2]?.data).toMatchObject({
      budgetRelationshipCode: '1040999',
      certificate: '5/GCN',
    });
  });

  it('refuses a code that is not seven digits, placed on the item, recording no code', async () => {
    const run = await dry(
      referenceSteps(withCodes([{ budgetRelationshipCode: '104012', validFrom: '2021-01-01' }])),
    );
    expect(run.problems).toEqual([
      expect.objectContaining({
        file: 'units.yaml',
        path: expect.stringMatching(/^units\[0\]\.budgetRelationshipCodes\[0\]/),
        code: 'UNIT.INVALID_BUDGET_RELATIONSHIP_CODE',
      }),
    ]);
    expect(run.events.map((e) => e.type)).toEqual(['SpendingUnitRegistered']);
  });
});
