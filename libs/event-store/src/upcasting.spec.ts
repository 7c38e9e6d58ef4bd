import { UpcasterRegistry } from './upcasting';
import type { RecordedEvent } from './event';

const stored: RecordedEvent = {
  id: 'e',
  streamId: 's',
  revision: 0n,
  position: 1n,
  type: 'LineOpened',
  schemaVersion: 1,
  data: { code: 'DA7.TDA1' },
  metadata: {
    actor: 'a',
    correlationId: 'c',
    causationId: null,
    effectiveDate: '2024-01-01',
    recordedAt: 'x',
  },
  previousHash: null,
  hash: 'h',
};

describe('UpcasterRegistry', () => {
  it('leaves an event of the current version untouched', () => {
    expect(new UpcasterRegistry().upcast(stored)).toBe(stored);
  });

  it('applies upcasters one version at a time, following renames', () => {
    const registry = new UpcasterRegistry([
      {
        type: 'LineOpened',
        fromVersion: 1,
        upcast: (d) => ({ data: { ...d, fundSource: 'central' } }),
      },
      {
        type: 'LineOpened',
        fromVersion: 2,
        upcast: (d) => ({ type: 'BudgetLineOpened', data: d }),
      },
      {
        type: 'BudgetLineOpened',
        fromVersion: 3,
        upcast: (d) => ({ data: { ...d, sourceYear: 2024 } }),
      },
    ]);
    expect(registry.upcast(stored)).toMatchObject({
      type: 'BudgetLineOpened',
      schemaVersion: 4,
      data: { code: 'DA7.TDA1', fundSource: 'central', sourceYear: 2024 },
      hash: 'h',
    });
  });

  it('refuses two upcasters for the same version', () => {
    const registry = new UpcasterRegistry([
      { type: 'A', fromVersion: 1, upcast: (d) => ({ data: d }) },
    ]);
    expect(() =>
      registry.register({ type: 'A', fromVersion: 1, upcast: (d) => ({ data: d }) }),
    ).toThrow(/already/);
  });
});
