import { createHash } from 'node:crypto';
import { encodeJson, UnencodableValueError } from './canonical-json';
import { encodeBatch } from './encoding';
import {
  canonicalJson,
  chainedHash,
  chainHash,
  chainStep,
  contentDigest,
  encodeMetadataInput,
  hashedTail,
  hashEvent,
  hashEventV1,
  hashEventV2,
  hashMatches,
  hashVersionOf,
  HASH_V2_TAG,
  HASH_V3_TAG,
  withRecordedAt,
} from './hashing';

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

describe('encodeJson (the v2 encoder, stored and hashed)', () => {
  const samples: unknown[] = [
    { b: 1, a: { d: [1, 'x', true, false], c: null }, e: undefined },
    { é: 'Tập huấn "cán bộ"\n\t\\', Z: -0, a: 1e21, b: 0.1, c: -12.5, '': [] },
    { '10': 'ten', '9': 'nine', '1a': {}, A: [[{}]], emoji: '💶', lone: '\ud800x' },
    { amount: '378000000', nested: { z: { y: { x: [null, 'w'] } } } },
  ];

  it.each(samples.map((s, i) => [i, s]))(
    'gives canonicalJson’s exact bytes, and the same text again after JSON.parse (%i)',
    (_i, value) => {
      const text = encodeJson(value);
      expect(text).toBe(canonicalJson(value));
      expect(encodeJson(JSON.parse(text))).toBe(text);
    },
  );

  it('refuses what JSON would not store as the encoder sees it', () => {
    for (const value of [
      { when: new Date(0) },
      { n: Number.POSITIVE_INFINITY },
      { big: 1n },
      { list: [1, undefined] },
      { f: () => 1 },
      { s: Symbol('x') },
    ]) {
      expect(() => encodeJson(value)).toThrow(UnencodableValueError);
    }
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
  const meta = content.metadata;

  it('writes format v3, naming it', () => {
    expect(hashEvent(content)).toMatch(/^v3:[0-9a-f]{64}$/);
    expect(hashVersionOf(hashEvent(content))).toBe(3);
    expect(hashVersionOf(hashEventV2(content))).toBe(2);
    expect(hashVersionOf(hashEventV1(content))).toBe(1);
  });

  it('is one SHA-256 of the text the README spells out (an auditor can re-derive it)', () => {
    const previous = 'v2:b79d35b9b1245c4a95dd7c543a2f453a3032923f65e00515a1239f2b4dc0220b';
    const event = { ...content, revision: 2n, previousHash: previous, data: { note: 'Tập "x"' } };
    const text =
      `["budget-event-v3","${previous}","2","2024-03-26T01:00:00.000Z",` +
      `"${content.id}","budget-line-1","FundsAllocated",1,{"note":"Tập \\"x\\""},` +
      '{"actor":"u1","causationId":null,"correlationId":"c1","effectiveDate":"2024-03-25"}]';
    const expected = createHash('sha256').update(text, 'utf8').digest('hex');
    expect(hashEvent(event)).toBe(`v3:${expected}`);
  });

  it('still computes format v2 exactly as the program that wrote v2 logs did', () => {
    // Hashes written by the v2 program (main at 485b3a2) for these two events: v2 logs verify.
    const v2 = { ...content, data: { amount: '378000000', note: 'Tập huấn "cán bộ"' } };
    const first = 'v2:a943c21f4fd75683257500e9fa8f59feb6a596021a23dec1ab3125e9b5c96f19';
    const second = 'v2:b79d35b9b1245c4a95dd7c543a2f453a3032923f65e00515a1239f2b4dc0220b';
    expect(hashEventV2(v2)).toBe(first);
    const next = { ...v2, id: '00000000-0000-4000-8000-000000000002', revision: 1n };
    expect(hashEventV2({ ...next, previousHash: first })).toBe(second);
    expect(hashMatches({ ...next, previousHash: first, hash: second })).toBe(true);
    expect(hashMatches({ ...next, revision: 2n, previousHash: first, hash: second })).toBe(false);
  });

  it.each([
    ['id', { id: '00000000-0000-4000-8000-000000000002' }],
    ['stream', { streamId: 'budget-line-2' }],
    ['revision', { revision: 1n }],
    ['type', { type: 'FundsCancelled' }],
    ['schema version', { schemaVersion: 2 }],
    ['data', { data: { amount: '378000001' } }],
    ['previous hash', { previousHash: 'v2:ab' }],
    ['actor', { metadata: { ...meta, actor: 'u2' } }],
    ['correlation', { metadata: { ...meta, correlationId: 'c2' } }],
    ['causation', { metadata: { ...meta, causationId: 'x' } }],
    ['effective date', { metadata: { ...meta, effectiveDate: '2024-03-24' } }],
    ['recorded time', { metadata: { ...meta, recordedAt: '2024-07-15T00:00:00.000Z' } }],
    ['extra', { metadata: { ...meta, extra: { legalBasis: 'x' } } }],
  ])('changes when the %s changes (v1, v2 and v3)', (_field, change) => {
    expect(hashEvent({ ...content })).toBe(hashEvent(content));
    expect(hashEvent({ ...content, ...change })).not.toBe(hashEvent(content));
    expect(hashEventV2({ ...content, ...change })).not.toBe(hashEventV2(content));
    expect(hashEventV1({ ...content, ...change })).not.toBe(hashEventV1(content));
  });

  it('does not depend on key order', () => {
    const reordered = {
      ...content,
      data: { b: '2', a: '1' },
      metadata: Object.fromEntries(Object.entries(meta).reverse()) as typeof meta,
    };
    expect(hashEvent(reordered)).toBe(hashEvent({ ...content, data: { a: '1', b: '2' } }));
  });

  it('is what the store computes (tail encoded before the lock, hashed under it)', () => {
    const { metadata, ...rest } = content;
    const { recordedAt, ...input } = metadata;
    const [encoded] = encodeBatch(content.streamId, [{ ...rest, metadata: input }]);
    const stored = JSON.parse(withRecordedAt(encoded!.metadataJson, recordedAt)) as unknown;
    expect(stored).toEqual(metadata);
    const recordedAtJson = JSON.stringify(recordedAt);
    expect(chainedHash('null', 0n, recordedAtJson, encoded!.tail)).toBe(hashEvent(content));
  });
});

describe('the append path’s shortcuts', () => {
  const events = [
    {
      id: '00000000-0000-4000-8000-000000000011',
      type: 'ExpenditureProposed',
      schemaVersion: 2,
      data: { description: 'Tập huấn "cán bộ"\n', amount: '1000', emoji: '💶' },
      metadata: { actor: 'Lữ Đình Tích', correlationId: 'c1', causationId: null },
    },
    { id: 'e-2', type: 'T', schemaVersion: 1, data: {}, metadata: {} },
  ];

  it('encodeBatch stores and hashes exactly the texts the encoder gives', () => {
    const streamId = 'budget-line-"é"';
    const encoded = encodeBatch(streamId, events as never);
    encoded.forEach((e, i) => {
      const event = events[i]!;
      expect(e.dataJson).toBe(encodeJson(event.data));
      expect(e.metadataJson).toBe(encodeMetadataInput(event.metadata as never));
      const quotedStream = JSON.stringify(streamId);
      expect(e.tail).toBe(
        hashedTail(
          event.id,
          quotedStream,
          event.type,
          event.schemaVersion,
          e.dataJson,
          e.metadataJson,
        ),
      );
      // v2's content digest was the SHA-256 of the same members as a whole array.
      const digest = contentDigest(
        event.id,
        streamId,
        event.type,
        event.schemaVersion,
        e.dataJson,
        e.metadataJson,
      );
      expect(digest).toBe(createHash('sha256').update(`[${e.tail}`).digest('hex'));
    });
  });

  it('chainStep with quoted members is chainHash, whatever chainHash last computed', () => {
    const digests = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)];
    const at = ['2024-03-26T01:00:00.000Z', '2024-03-27T01:00:00.000Z'];
    for (const previous of [null, 'v2:' + 'd'.repeat(64), 'odd "hash"\\']) {
      let hash = previous;
      digests.forEach((digest, i) => {
        const recordedAt = at[i % 2]!;
        const quoted = hash === null ? 'null' : JSON.stringify(hash);
        const step = chainStep(quoted, BigInt(i), JSON.stringify(recordedAt), digest);
        chainHash(null, 9n, at[(i + 1) % 2]!, digests[0]!); // another chain in between
        expect(chainHash(hash, BigInt(i), recordedAt, digest)).toBe(step);
        expect(chainHash(hash, BigInt(i), recordedAt, digest)).toBe(step);
        hash = step;
      });
    }
  });
});

describe('hashMatches', () => {
  const event = {
    id: '00000000-0000-4000-8000-000000000001',
    streamId: 's',
    revision: 3n,
    type: 'T',
    schemaVersion: 1,
    data: { a: '1' },
    metadata: {
      actor: 'u1',
      correlationId: 'c1',
      causationId: null,
      effectiveDate: '2024-03-25',
      recordedAt: '2024-03-26T01:00:00.000Z',
    },
    previousHash: 'ab',
  };

  it('checks each event under the format its hash names: v1 and v2 logs stay verifiable', () => {
    expect(hashMatches({ ...event, hash: hashEvent(event) })).toBe(true);
    expect(hashMatches({ ...event, hash: hashEventV2(event) })).toBe(true);
    expect(hashMatches({ ...event, hash: hashEventV1(event) })).toBe(true);
  });

  it('refuses a hash relabelled to another format, and changed content', () => {
    const v1 = hashEventV1(event);
    const v2 = hashEventV2(event);
    const v3 = hashEvent(event);
    expect(hashMatches({ ...event, hash: HASH_V2_TAG + v1 })).toBe(false);
    expect(hashMatches({ ...event, hash: HASH_V3_TAG + v1 })).toBe(false);
    expect(hashMatches({ ...event, hash: v2.slice(HASH_V2_TAG.length) })).toBe(false);
    expect(hashMatches({ ...event, hash: HASH_V3_TAG + v2.slice(HASH_V2_TAG.length) })).toBe(false);
    expect(hashMatches({ ...event, hash: HASH_V2_TAG + v3.slice(HASH_V3_TAG.length) })).toBe(false);
    expect(hashMatches({ ...event, data: { a: '2' }, hash: v3 })).toBe(false);
    expect(hashMatches({ ...event, data: { a: '2' }, hash: v2 })).toBe(false);
  });

  it('says false, not throws, for content no writer could have produced', () => {
    const hash = hashEvent(event);
    const broken = { ...event, data: { a: Number.POSITIVE_INFINITY } };
    expect(hashMatches({ ...broken, hash })).toBe(false);
    const noTime = {
      ...event,
      metadata: { ...event.metadata, recordedAt: 5 as unknown as string },
    };
    expect(hashMatches({ ...noTime, hash })).toBe(false);
  });
});
