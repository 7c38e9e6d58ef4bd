import { refusalOf } from '@app/testing/decider';
import type { ExpenditureCategory } from '../budget-line/budget-line.events';
import { applyNorms, type NormClaim, type NormClaimItem, type NormsApplied } from './norm-claim';
import { loadNormTable, type SpendingNormTable } from './norm-table';

/**
 * The norm rules, given a table, when a claim is checked, then what applied or the
 * refusal. A table of our own, so the dated change and the province's lower rate below
 * are the spec's and not the shipped table's (whose provincial rows are placeholders).
 */
const row = (over: object) => ({
  label: { vi: 'Phụ cấp lưu trú', en: 'Per-diem' },
  layer: 'central',
  province: null,
  unit: 'person_day',
  validTo: null,
  verified: true,
  ...over,
});
const TABLE = loadNormTable({
  tableVersion: 'spec',
  norms: [
    row({
      id: 'old',
      kind: 'per_diem',
      ceiling: '150000',
      validFrom: '2017-07-01',
      validTo: '2024-06-30',
      source: { document: '97/2010/TT-BTC', article: 'Điều 5' },
    }),
    row({
      id: 'new',
      kind: 'per_diem',
      ceiling: '200000',
      validFrom: '2024-07-01',
      source: { document: '40/2017/TT-BTC', article: 'Điều 5' },
    }),
    row({
      id: 'qng',
      kind: 'per_diem',
      layer: 'provincial',
      province: 'QNG',
      ceiling: '180000',
      validFrom: '2024-07-01',
      source: { document: '12/2024/NQ-HĐND', article: 'Điều 1' },
    }),
    row({
      id: 'room',
      kind: 'lodging.invoice.other_areas',
      unit: 'room_night',
      ceiling: '700000',
      validFrom: '2017-07-01',
      source: { document: '40/2017/TT-BTC', article: 'Điều 6' },
    }),
    row({
      id: 'ticket',
      kind: 'transport.ticket',
      unit: 'ticket',
      ceiling: null,
      validFrom: '2017-07-01',
      source: { document: '40/2017/TT-BTC', article: 'Điều 4' },
    }),
    row({
      id: 'car',
      kind: 'transport.own_vehicle',
      unit: 'km_fuel',
      ceiling: null,
      litresPerKm: '0.2',
      validFrom: '2017-07-01',
      source: { document: '40/2017/TT-BTC', article: 'Điều 4' },
    }),
    row({
      id: 'lecturer',
      kind: 'training.lecturer.district_commune',
      unit: 'session',
      ceiling: '500000',
      validFrom: '2018-05-15',
      source: { document: '36/2018/TT-BTC', article: 'Điều 5' },
    }),
  ],
});

const trip = (from: string, to: string, ...items: NormClaimItem[]): NormClaim => ({
  period: { from, to },
  items,
});
const perDiem = (amount: bigint, persons: number, days: number): NormClaimItem => ({
  kind: 'per_diem',
  amount,
  persons,
  days,
});

function given(table: SpendingNormTable = TABLE) {
  return {
    when: (
      claim: NormClaim | null,
      options: {
        category?: ExpenditureCategory;
        amount?: bigint;
        province?: string | null;
      } = {},
    ) => {
      const { category = 'travel_allowance', amount = null, province = 'QNG' } = options;
      const total = amount ?? claim?.items.reduce((s, i) => s + i.amount, 0n) ?? 0n;
      const run = () => applyNorms(category, total, claim, province, table);
      return {
        thenApplies: (...rows: Partial<NormsApplied['applied'][number]>[]) => {
          const applied = run();
          expect(applied?.applied).toHaveLength(rows.length);
          rows.forEach((r, i) => expect(applied?.applied[i]).toMatchObject(r));
          return applied;
        },
        thenNothing: () => expect(run()).toBeNull(),
        thenRefuses: (code: string, details?: Record<string, string>) => {
          const error = refusalOf(run);
          expect(error.code).toBe(code);
          if (details) expect(error.details).toMatchObject(details);
          return error;
        },
      };
    },
  };
}

describe('the norm that applies is the one in force on the first day of the trip', () => {
  it('on the last day of the old rate, the old rate', () => {
    given()
      .when(trip('2024-06-30', '2024-07-02', perDiem(450_000n, 1, 3)), { province: null })
      .thenApplies({ normId: 'old', rateAmount: 150_000n, quantity: 3, ceilingAmount: 450_000n });
  });

  it('on the first day of the new rate, the new rate', () => {
    given()
      .when(trip('2024-07-01', '2024-07-03', perDiem(600_000n, 1, 3)), { province: null })
      .thenApplies({ normId: 'new', document: '40/2017/TT-BTC', ceilingAmount: 600_000n });
  });

  it('a trip before the new rate is held to the old one, whenever it is proposed or approved', () => {
    given()
      .when(trip('2024-06-28', '2024-06-30', perDiem(450_001n, 1, 3)), { province: null })
      .thenRefuses('BUDGET.EXCEEDS_SPENDING_NORM', {
        normId: 'old',
        rate: '150000',
        cap: '450000',
      });
  });

  it('a trip before any row of its kind is refused, not waved through', () => {
    given()
      .when(trip('2017-06-30', '2017-07-01', perDiem(1n, 1, 1)))
      .thenRefuses('BUDGET.NO_NORM_IN_FORCE', {
        field: 'normClaim.items[0].kind',
        on: '2017-06-30',
      });
  });
});

describe('the province’s own rate overrides the central one within its ceiling', () => {
  it('a Quảng Ngãi unit is held to the council’s lower rate, citing the resolution', () => {
    given()
      .when(trip('2024-07-01', '2024-07-02', perDiem(360_000n, 1, 2)))
      .thenApplies({
        normId: 'qng',
        layer: 'provincial',
        province: 'QNG',
        document: '12/2024/NQ-HĐND',
        rateAmount: 180_000n,
      });
    const error = given()
      .when(trip('2024-07-01', '2024-07-02', perDiem(360_001n, 1, 2)))
      .thenRefuses('BUDGET.EXCEEDS_SPENDING_NORM', {
        norm: '12/2024/NQ-HĐND',
        normId: 'qng',
        cap: '360000',
      });
    expect(error.messages.vi).toContain('180.000 đồng × 2 người-ngày = tối đa 360.000 đồng');
  });

  it('another province, or none, gets the central ceiling', () => {
    given()
      .when(trip('2024-07-01', '2024-07-02', perDiem(400_000n, 1, 2)), { province: 'BDH' })
      .thenApplies({ normId: 'new', layer: 'central' });
  });

  it('before the council’s rate takes effect, the central row applies', () => {
    given()
      .when(trip('2024-06-01', '2024-06-02', perDiem(300_000n, 1, 2)))
      .thenApplies({ normId: 'old', layer: 'central' });
  });
});

describe('a claim carries the quantities its norm counts', () => {
  it('a travel allowance with no claim at all is refused, naming normClaim', () => {
    const error = given()
      .when(null, { amount: 500_000n })
      .thenRefuses('BUDGET.NORM_CLAIM_REQUIRED', {
        field: 'normClaim',
      });
    expect(error.messages.vi).toContain('normClaim');
    expect(error.messages.en).toContain('normClaim');
  });

  it('a category with no norm and no claim needs none', () => {
    given().when(null, { category: 'printing', amount: 5_000_000n }).thenNothing();
  });

  it.each([
    ['days', { kind: 'per_diem', amount: 1n, persons: 1 }],
    ['persons', { kind: 'per_diem', amount: 1n, days: 1 }],
    ['nights', { kind: 'lodging.invoice.other_areas', amount: 1n, rooms: 1 }],
    ['tickets', { kind: 'transport.ticket', amount: 1n }],
    ['fuelPriceAmount', { kind: 'transport.own_vehicle', amount: 1n, km: 40 }],
    ['km', { kind: 'transport.own_vehicle', amount: 1n, fuelPriceAmount: 23_000n }],
  ])('an item without its %s is refused, naming the field and the norm', (field, item) => {
    const error = given()
      .when(trip('2024-07-01', '2024-07-02', item))
      .thenRefuses('BUDGET.NORM_QUANTITY_MISSING', { field: `normClaim.items[0].${field}` });
    expect(error.messages.vi).toContain(`normClaim.items[0].${field}`);
  });

  it('a zero or fractional quantity counts as missing', () => {
    given()
      .when(trip('2024-07-01', '2024-07-02', perDiem(1n, 1, 0)))
      .thenRefuses('BUDGET.NORM_QUANTITY_MISSING', { field: 'normClaim.items[0].days' });
    given()
      .when(trip('2024-07-01', '2024-07-02', perDiem(1n, 1.5, 1)))
      .thenRefuses('BUDGET.NORM_QUANTITY_MISSING', { field: 'normClaim.items[0].persons' });
  });

  it('more days or nights than the trip has are refused', () => {
    given()
      .when(trip('2024-07-01', '2024-07-02', perDiem(1n, 1, 3)))
      .thenRefuses('BUDGET.NORM_QUANTITY_EXCEEDS_PERIOD', {
        field: 'normClaim.items[0].days',
        most: '2',
      });
    given()
      .when(
        trip('2024-07-01', '2024-07-02', {
          kind: 'lodging.invoice.other_areas',
          amount: 1n,
          rooms: 1,
          nights: 2,
        }),
      )
      .thenRefuses('BUDGET.NORM_QUANTITY_EXCEEDS_PERIOD', {
        field: 'normClaim.items[0].nights',
        most: '1',
      });
  });

  it('a trip that ends before it starts is refused', () => {
    given()
      .when(trip('2024-07-02', '2024-07-01', perDiem(1n, 1, 1)))
      .thenRefuses('BUDGET.NORM_PERIOD_INVALID', { field: 'normClaim.period' });
  });
});

describe('a claim above quantity × rate is refused naming the row', () => {
  it('lodging by the room and night', () => {
    const claim = { kind: 'lodging.invoice.other_areas', amount: 1_400_001n, rooms: 1, nights: 2 };
    given()
      .when(trip('2024-07-01', '2024-07-03', claim))
      .thenRefuses('BUDGET.EXCEEDS_SPENDING_NORM', {
        normId: 'room',
        article: 'Điều 6',
        rate: '700000',
        quantity: '2',
        cap: '1400000',
        unit: 'room_night',
      });
  });

  it('own vehicle: 0,2 litre of petrol per km at the stated price, rounded down to the đồng', () => {
    const car = (amount: bigint) => ({
      kind: 'transport.own_vehicle',
      amount,
      km: 45,
      fuelPriceAmount: 23_456n,
    });
    // 45 km × 0,2 l × 23.456 đ = 211.104 đồng.
    given()
      .when(trip('2024-07-01', '2024-07-01', car(211_104n)))
      .thenApplies({ normId: 'car', ceilingAmount: 211_104n, quantity: 45 });
    const error = given()
      .when(trip('2024-07-01', '2024-07-01', car(211_105n)))
      .thenRefuses('BUDGET.EXCEEDS_SPENDING_NORM', { rate: '0.2 l/km', cap: '211104' });
    expect(error.messages.vi).toContain('45 km × 0,2 lít/km × 23.456 đồng/lít');
  });

  it('tickets at actual cost: counted, not capped', () => {
    given()
      .when(
        trip('2024-07-01', '2024-07-02', {
          kind: 'transport.ticket',
          amount: 3_200_000n,
          tickets: 2,
        }),
      )
      .thenApplies({ normId: 'ticket', rateAmount: null, ceilingAmount: null, quantity: 2 });
  });

  it('every item of a claim is checked, and each names its own row', () => {
    given()
      .when(
        trip(
          '2024-07-01',
          '2024-07-03',
          perDiem(540_000n, 1, 3),
          { kind: 'lodging.invoice.other_areas', amount: 1_400_000n, rooms: 1, nights: 2 },
          { kind: 'transport.ticket', amount: 900_000n, tickets: 2 },
        ),
      )
      .thenApplies({ normId: 'qng' }, { normId: 'room' }, { normId: 'ticket' });
    given()
      .when(
        trip('2024-07-01', '2024-07-03', perDiem(540_000n, 1, 3), {
          kind: 'lodging.invoice.other_areas',
          amount: 1_400_001n,
          rooms: 1,
          nights: 2,
        }),
      )
      .thenRefuses('BUDGET.EXCEEDS_SPENDING_NORM', { field: 'normClaim.items[1]' });
  });
});

describe('what a claim may name', () => {
  it('a kind not in the table, or not for the category, is refused', () => {
    given()
      .when(
        trip('2024-07-01', '2024-07-01', {
          kind: 'per_diem.moon',
          amount: 1n,
          persons: 1,
          days: 1,
        }),
      )
      .thenRefuses('BUDGET.NORM_KIND_UNKNOWN', { field: 'normClaim.items[0].kind' });
    given()
      .when(
        trip('2024-07-01', '2024-07-01', {
          kind: 'training.lecturer.district_commune',
          amount: 1n,
          sessions: 1,
        }),
      )
      .thenRefuses('BUDGET.NORM_KIND_NOT_FOR_CATEGORY', { category: 'travel_allowance' });
  });

  it('a training claims its lecturers; its other costs stay outside the items', () => {
    given()
      .when(
        trip('2024-07-01', '2024-07-01', {
          kind: 'training.lecturer.district_commune',
          amount: 1_000_000n,
          sessions: 2,
        }),
        { category: 'training', amount: 8_000_000n },
      )
      .thenApplies({ normId: 'lecturer', ceilingAmount: 1_000_000n });
  });

  it('a travel allowance is all normed: its items add up to its amount', () => {
    given()
      .when(trip('2024-07-01', '2024-07-01', perDiem(100_000n, 1, 1)), { amount: 150_000n })
      .thenRefuses('BUDGET.NORM_ITEMS_MISMATCH', { total: '100000', amount: '150000' });
    given()
      .when(
        trip('2024-07-01', '2024-07-01', {
          kind: 'training.lecturer.district_commune',
          amount: 600_000n,
          sessions: 2,
        }),
        { category: 'training', amount: 500_000n },
      )
      .thenRefuses('BUDGET.NORM_ITEMS_MISMATCH');
  });
});
