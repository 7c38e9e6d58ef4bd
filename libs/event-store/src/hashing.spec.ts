import { canonicalJson, hashEvent } from './hashing';

describe('canonicalJson', () => {
  it('gives the same text whatever the key order, dropping undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null }, e: undefined })).toBe(
      '{"a":{"c":null,"d":[1,"x"]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
  });
});

describe('hashEvent', () => {
  const content = {
    id: '00000000-0000-4000-8000-000000000001',
    streamId: 'budget-line-1',
    revision: 0n,
    type: 'FundsAllocated',
    schemaVersion: 1,
    data: { amount: '378000000' },
    metadata: {
      actor: 'u1',
      correlationId: 'c1',
      causationId: null,
      effectiveDate: '2024-03-25',
      recordedAt: '2024-03-26T01:00:00.000Z',
    },
    previousHash: null,
  };

  it('changes when any covered field changes', () => {
    const base = hashEvent(content);
    expect(hashEvent({ ...content })).toBe(base);
    expect(hashEvent({ ...content, data: { amount: '378000001' } })).not.toBe(base);
    expect(hashEvent({ ...content, revision: 1n })).not.toBe(base);
    expect(hashEvent({ ...content, previousHash: 'ab' })).not.toBe(base);
    expect(
      hashEvent({
        ...content,
        metadata: { ...content.metadata, recordedAt: '2024-07-15T00:00:00.000Z' },
      }),
    ).not.toBe(base);
  });
});
