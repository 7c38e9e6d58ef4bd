import { ConcurrencyError, IdempotencyConflictError } from './errors';
import { checkExpectedRevision, resolveReappend } from './idempotency';
import { anEvent } from '@app/testing';

describe('checkExpectedRevision', () => {
  it.each([
    ['any', null],
    ['any', 3n],
    ['no_stream', null],
    ['stream_exists', 0n],
    [2n, 2n],
  ] as const)('accepts %s when the stream is at %s', (expected, current) => {
    expect(() => checkExpectedRevision('s', expected, current)).not.toThrow();
  });

  it.each([
    ['no_stream', 0n, 0n],
    ['stream_exists', null, 'no_stream'],
    [2n, 3n, 3n],
    [0n, null, 'no_stream'],
  ] as const)(
    'refuses %s when the stream is at %s, reporting actual %s',
    (expected, current, actual) => {
      expect(() => checkExpectedRevision('s', expected, current)).toThrow(
        expect.objectContaining({ constructor: ConcurrencyError, expected, actual }) as Error,
      );
    },
  );
});

describe('resolveReappend', () => {
  const batch = [anEvent(), anEvent()];
  const committed = batch.map((e, i) => ({
    id: e.id,
    revision: BigInt(3 + i),
    position: BigInt(10 + i),
  }));

  it('returns the original result when every id is committed at the expected spot', () => {
    expect(resolveReappend('s', 2n, batch, committed, 7n)).toEqual({
      nextExpectedRevision: 4n,
      position: 11n,
    });
    expect(resolveReappend('s', 'any', batch, committed, 7n)).toEqual({
      nextExpectedRevision: 4n,
      position: 11n,
    });
  });

  it('refuses a retry claimed at another revision', () => {
    expect(() => resolveReappend('s', 5n, batch, committed, 7n)).toThrow(ConcurrencyError);
  });

  it('refuses a batch that only partly matches', () => {
    const partial = [batch[0]!, anEvent()];
    expect(() => resolveReappend('s', 2n, partial, committed, 7n)).toThrow(
      IdempotencyConflictError,
    );
    expect(() => resolveReappend('s', 2n, [...batch, anEvent()], committed, 7n)).toThrow(
      IdempotencyConflictError,
    );
  });
});
