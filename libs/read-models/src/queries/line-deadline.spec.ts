import { deadlineAt, deadlineOf } from './line-deadline';

/** A line carried in on 19/3/2024 (recorded that day), extended by 812/QĐ-UBND on 1/7/2024, recorded 10/7. */
const LINE = {
  carryOverDeadline: '2025-06-30',
  deadlineBasis: 'default',
  deadlineDecision: '699/QĐ-UBND',
  deadlineExtensions: ['812/QĐ-UBND'],
  deadlineSettings: [
    {
      on: '2024-03-19',
      at: '2024-03-19T02:00:00.000Z',
      carryOverDeadline: '2024-12-31',
      deadlineBasis: 'default',
      deadlineDecision: '699/QĐ-UBND',
    },
    {
      on: '2024-07-01',
      at: '2024-07-10T03:00:00.000Z',
      carryOverDeadline: '2025-06-30',
      extension: '812/QĐ-UBND',
    },
  ],
};

const ORIGINAL = {
  date: '2024-12-31',
  basis: 'default',
  decision: '699/QĐ-UBND',
  extensions: [],
};
const EXTENDED = { ...ORIGINAL, date: '2025-06-30', extensions: ['812/QĐ-UBND'] };

describe("a carried-over line's deadline at a point on both time axes", () => {
  it('is the present one with no point given', () => {
    expect(deadlineOf(LINE)).toEqual(EXTENDED);
    expect(deadlineAt(LINE, {})).toEqual(EXTENDED);
  });

  it('shows an extension only from its effective date (asOf)', () => {
    expect(deadlineAt(LINE, { asOf: '2024-06-30' })).toEqual(ORIGINAL);
    expect(deadlineAt(LINE, { asOf: '2024-07-01' })).toEqual(EXTENDED);
  });

  it('shows an extension only once recorded (knownAt), whatever its effective date', () => {
    expect(deadlineAt(LINE, { asOf: '2024-07-05', knownAt: '2024-07-10T02:59:59Z' })).toEqual(
      ORIGINAL,
    );
    expect(deadlineAt(LINE, { knownAt: '2024-07-10T03:00:00Z' })).toEqual(EXTENDED);
  });

  it('has no deadline before the carry-over took effect or was recorded', () => {
    expect(deadlineAt(LINE, { asOf: '2024-03-18' }).date).toBeNull();
    expect(deadlineAt(LINE, { knownAt: '2024-03-19T01:59:59Z' }).date).toBeNull();
  });

  it('keeps the carry-over decision that set the deadline, stated or not', () => {
    const stated = {
      ...LINE,
      deadlineSettings: [{ ...LINE.deadlineSettings[0], deadlineBasis: 'decision' }],
    };
    expect(deadlineAt(stated, { asOf: '2024-12-01' })).toEqual({ ...ORIGINAL, basis: 'decision' });
  });

  it('reads a line projected before its settings were kept as it stands now', () => {
    const { deadlineSettings: _none, ...legacy } = LINE;
    expect(deadlineAt(legacy, { asOf: '2024-06-30' })).toEqual(EXTENDED);
  });
});
