import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadNormTable, NormTableError, normRowFor, SPENDING_NORM_TABLE } from './norm-table';
import * as shipped from './spending-norm-table.json';

const central = {
  id: 'c.per-diem',
  kind: 'per_diem',
  label: { vi: 'Phụ cấp lưu trú', en: 'Per-diem' },
  layer: 'central',
  province: null,
  unit: 'person_day',
  ceiling: '200000',
  validFrom: '2017-07-01',
  validTo: null,
  source: { document: '40/2017/TT-BTC', article: 'Điều 5' },
  verified: false,
};
const provincial = {
  ...central,
  id: 'p.per-diem',
  layer: 'provincial',
  province: 'QNG',
  ceiling: '150000',
  validFrom: '2018-01-01',
  source: { document: '99/2017/NQ-HĐND', article: 'Điều 2' },
};
const table = (...norms: object[]) => ({ tableVersion: 't', norms });

function refusal(raw: unknown): NormTableError {
  try {
    loadNormTable(raw);
  } catch (error) {
    if (error instanceof NormTableError) return error;
    throw error;
  }
  throw new Error('expected the table to be refused');
}

describe('the norm table shipped with the product', () => {
  it('loads: every row well formed, no province above its central ceiling', () => {
    expect(SPENDING_NORM_TABLE.norms.length).toBe(
      (shipped as unknown as { norms: unknown[] }).norms.length,
    );
    expect(SPENDING_NORM_TABLE.tableVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('holds per-diem, lodging, transport, conference and training rows, each with its source', () => {
    const families = new Set(SPENDING_NORM_TABLE.norms.map((r) => r.kind.split('.')[0]));
    expect([...families].sort()).toEqual([
      'conference',
      'lodging',
      'per_diem',
      'training',
      'transport',
    ]);
    for (const row of SPENDING_NORM_TABLE.norms) {
      if (!row.placeholder) expect(row.source.document).toMatch(/^\d+\/\d{4}\/TT-BTC$/);
      // An unverified row says what is unsure about it.
      if (!row.verified) expect(row.note?.length ?? 0).toBeGreaterThan(10);
    }
  });

  it('marks every placeholder unverified, with a note saying so, and never applies it', () => {
    const placeholders = SPENDING_NORM_TABLE.norms.filter((r) => r.placeholder);
    expect(placeholders.length).toBeGreaterThan(0);
    for (const row of placeholders) {
      expect(row.verified).toBe(false);
      expect(row.note).toMatch(/GIỮ CHỖ|PLACEHOLDER/);
      expect(normRowFor(row.kind, '2024-05-06', row.province)?.layer).toBe('central');
    }
  });

  it('loads as the API and the CLI load it (Node resolution, not Jest’s)', () => {
    // A file named like the JSON once made Node load the JSON in its place: no table at all.
    const index = join(__dirname, '..', 'index.ts');
    const run = spawnSync(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        '-e',
        `console.log(require(${JSON.stringify(index)}).SPENDING_NORM_TABLE.norms.length)`,
      ],
      { cwd: join(__dirname, '..', '..', '..', '..'), encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(Number(run.stdout.trim())).toBe(SPENDING_NORM_TABLE.norms.length);
  }, 60_000);

  it('applies 200.000 đồng per person-day of per-diem in 2024 (40/2017/TT-BTC)', () => {
    const row = normRowFor('per_diem', '2024-05-06', 'QNG');
    expect(row).toMatchObject({ id: 'tt40-2017.per-diem', ceiling: 200_000n });
    expect(row?.source).toEqual({ document: '40/2017/TT-BTC', article: 'Điều 5 khoản 1' });
  });
});

describe('loading a norm table', () => {
  it('reads money as whole đồng and chooses the province’s row over the central one', () => {
    const loaded = loadNormTable(table(central, provincial));
    expect(normRowFor('per_diem', '2024-05-06', 'QNG', loaded)?.ceiling).toBe(150_000n);
    expect(normRowFor('per_diem', '2024-05-06', 'BDH', loaded)?.ceiling).toBe(200_000n);
    expect(normRowFor('per_diem', '2024-05-06', null, loaded)?.ceiling).toBe(200_000n);
  });

  it('refuses a province’s row above its central ceiling, naming both rows', () => {
    const error = refusal(table(central, { ...provincial, ceiling: '200001' }));
    expect(error).toMatchObject({ row: 'p.per-diem', field: 'ceiling' });
    expect(error.vi).toContain('200.001');
    expect(error.vi).toContain('c.per-diem');
    expect(error.en).toContain('above the central ceiling 200000');
  });

  it('refuses a province’s row above a later central ceiling it overlaps', () => {
    const lowered = [
      { ...central, validTo: '2024-06-30' },
      { ...central, id: 'c.per-diem.2024', ceiling: '140000', validFrom: '2024-07-01' },
    ];
    expect(refusal(table(...lowered, provincial))).toMatchObject({ field: 'ceiling' });
    expect(() =>
      loadNormTable(table(...lowered, { ...provincial, validTo: '2024-06-30' })),
    ).not.toThrow();
  });

  it('refuses a province’s row with no central row of its kind, or of another unit', () => {
    expect(refusal(table(provincial))).toMatchObject({ field: 'kind' });
    expect(refusal(table(central, { ...provincial, unit: 'person_night' }))).toMatchObject({
      field: 'unit',
    });
  });

  it.each([
    ['kind', { kind: 'Per Diem' }],
    ['kind', { kind: 'taxi' }],
    ['unit', { unit: 'per_trip' }],
    ['ceiling', { ceiling: 200000 }],
    ['ceiling', { ceiling: '200.000' }],
    ['ceiling', { ceiling: '0' }],
    ['ceiling', { unit: 'ticket' }],
    ['validFrom', { validFrom: '1/7/2017' }],
    ['validTo', { validTo: '2017-06-30' }],
    ['source.document', { source: { document: null, article: null } }],
    ['verified', { verified: 'yes' }],
    ['province', { province: 'QNG' }],
    ['layer', { layer: 'district' }],
    ['label', { label: { vi: 'Phụ cấp' } }],
    ['litresPerKm', { litresPerKm: '0.2' }],
  ])('refuses a malformed row, naming the field %s', (field, change) => {
    expect(refusal(table({ ...central, ...change }))).toMatchObject({ row: 'c.per-diem', field });
  });

  it('refuses two rows of one kind and layer in force on the same day, and a repeated id', () => {
    expect(
      refusal(table(central, { ...central, id: 'c.again', validFrom: '2020-01-01' })),
    ).toMatchObject({ field: 'validFrom' });
    const ended = { ...central, validTo: '2029-12-31' };
    expect(refusal(table(ended, { ...central, validFrom: '2030-01-01' }))).toMatchObject({
      field: 'id',
    });
  });

  it('refuses a table without its version or rows', () => {
    expect(refusal({ norms: [] })).toMatchObject({ field: 'norms' });
    expect(refusal(null)).toMatchObject({ field: 'norms' });
  });
});
