import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ConcurrencyError, SqliteEventStore, type NewEvent } from '@app/event-store';
import { ScratchStore } from './scratch-store';

const event = (type: string): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data: { type },
  metadata: { actor: 'u', correlationId: 'c', causationId: null, effectiveDate: '2024-01-01' },
});

describe('the scratch store of a dry run', () => {
  let dir: string;
  let log: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scratch-'));
    log = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await log.append('s-1', [event('A'), event('B')], { expectedRevision: 'no_stream' });
  });

  afterEach(async () => {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the log through and appends after it, never writing to the log', async () => {
    const scratch = new ScratchStore(log);
    const head = await log.headPosition();

    await scratch.append('s-1', [event('C')], { expectedRevision: 1n });

    expect((await scratch.readStream('s-1')).map((e) => [e.type, e.revision])).toEqual([
      ['A', 0n],
      ['B', 1n],
      ['C', 2n],
    ]);
    expect((await log.readStream('s-1')).map((e) => e.type)).toEqual(['A', 'B']);
    expect(await log.headPosition()).toBe(head);
    expect((await scratch.readAll({ maxCount: 10 })).map((e) => e.type)).toEqual(['A', 'B', 'C']);
  });

  it('refuses an append at a stale revision, as the log does', async () => {
    const scratch = new ScratchStore(log);

    await expect(
      scratch.append('s-1', [event('C')], { expectedRevision: 0n }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(
      scratch.append('s-1', [event('C')], { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('cut before an event, sees only what came before it, the scratch’s appends included', async () => {
    const scratch = new ScratchStore(log);
    await scratch.append('s-2', [event('X'), event('Y')], { expectedRevision: 'no_stream' });
    const [, b] = await log.readStream('s-1');
    const [, y] = await scratch.readStream('s-2');
    if (!b || !y) throw new Error('events missing');

    expect((await scratch.cutBefore(b.position).readStream('s-1')).map((e) => e.type)).toEqual([
      'A',
    ]);
    const cutAtY = scratch.cutBefore(y.position);
    expect((await cutAtY.readStream('s-2')).map((e) => e.type)).toEqual(['X']);
    expect((await cutAtY.readStream('s-1')).map((e) => e.type)).toEqual(['A', 'B']);
    await cutAtY.append('s-2', [event('Z')], { expectedRevision: 0n });
    expect((await scratch.readStream('s-2')).map((e) => e.type)).toEqual(['X', 'Y']);
  });

  it('over no log, is an empty store', async () => {
    const scratch = new ScratchStore(null);

    expect(await scratch.readStream('s-1')).toEqual([]);
    expect(await scratch.headPosition()).toBeNull();
    await scratch.append('s-1', [event('A')], { expectedRevision: 'no_stream' });
    expect(
      (await scratch.readStream('s-1', { direction: 'backwards', maxCount: 1 }))[0]?.type,
    ).toBe('A');
  });
});
