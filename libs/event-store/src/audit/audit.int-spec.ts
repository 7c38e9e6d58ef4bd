import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anEvent } from '@app/testing';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { hashEvent } from '../hashing';
import {
  AUDIT_KEY_FILE,
  loadAuditKey,
  trustedFingerprints,
  type AuditSigningKey,
} from './audit-key';
import { AuditCheckpointer } from './audit-checkpointer';
import {
  AUDIT_STREAM,
  exportCheckpoint,
  readStoredCheckpoint,
  signCheckpoint,
  type ExportedCheckpoint,
} from './checkpoint';
import { verifyLedger } from './ledger-verification';
import { verifyAudit } from './verify-audit';
import { writeCheckpoints } from './write-checkpoint';

interface Row {
  position: bigint;
  event_id: string;
  stream_id: string;
  revision: bigint;
  type: string;
  schema_version: bigint;
  data: string;
  metadata: string;
  previous_hash: string | null;
  hash: string;
}

describe('audit checkpoints', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  let key: AuditSigningKey;
  const saved = { ...process.env };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-audit-'));
    file = join(dir, 'events.sqlite');
    store = new SqliteEventStore({ file });
    delete process.env.BUDGET_AUDIT_KEY;
    delete process.env.BUDGET_AUDIT_TRUSTED_KEYS;
  });
  afterEach(async () => {
    await store.close();
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  async function append(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      await store.append(`line-${i % 3}`, [anEvent({ data: { i } })], { expectedRevision: 'any' });
    }
  }

  /** Runs SQL on the file behind the store's back, as someone holding the file could. */
  function behindTheStore(run: (db: Database.Database) => void): void {
    const db = new Database(file);
    db.defaultSafeIntegers(true);
    try {
      db.exec('DROP TRIGGER IF EXISTS events_are_immutable');
      db.exec('DROP TRIGGER IF EXISTS events_are_never_deleted');
      run(db);
    } finally {
      db.close();
    }
  }

  describe('the signing key', () => {
    it('is created on first use as audit.key, mode 0600, and never by verifying', async () => {
      await append(3);
      expect(trustedFingerprints(dir)).toEqual([]);
      expect(existsSync(join(dir, AUDIT_KEY_FILE))).toBe(false);
      key = loadAuditKey(dir, { create: true })!;
      expect(statSync(join(dir, AUDIT_KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(loadAuditKey(dir, { create: false })?.fingerprint).toBe(key.fingerprint);
      expect(trustedFingerprints(dir)).toEqual([key.fingerprint]);
    });

    it('comes from BUDGET_AUDIT_KEY when set, and refuses a key that is not Ed25519', () => {
      const { privateKey } = generateKeyPairSync('ed25519');
      const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      const fromEnv = loadAuditKey(dir, { create: true, key: pem });
      expect(fromEnv?.source).toBe('BUDGET_AUDIT_KEY');
      expect(existsSync(join(dir, AUDIT_KEY_FILE))).toBe(false);
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
        .privateKey.export({ format: 'pem', type: 'pkcs8' })
        .toString();
      expect(() => loadAuditKey(dir, { create: true, key: rsa })).toThrow(/Ed25519/);
      expect(() => trustedFingerprints(dir, { trustedKeys: 'not-a-fingerprint' })).toThrow(
        /fingerprint/,
      );
    });
  });

  describe('when checkpoints are written', () => {
    beforeEach(() => {
      key = loadAuditKey(dir, { create: true })!;
    });

    it('covers the log in segments, each continuing the last, and verifies', async () => {
      await append(37);
      const first = await writeCheckpoints(store, { key, segmentSize: 10 });
      expect(first.map((c) => [c.position, c.eventCount])).toEqual([
        [10n, 10n],
        [20n, 20n],
        [30n, 30n],
        [37n, 37n],
      ]);
      expect(first[1]?.previousRoot).toBe(first[0]?.root);
      await append(5);
      const next = await writeCheckpoints(store, { key, segmentSize: 10 });
      // 4 checkpoint events and 5 new ones since position 37.
      expect(next.map((c) => [c.position, c.eventCount])).toEqual([[46n, 46n]]);
      const result = await verifyAudit(store, { trusted: [key.fingerprint] });
      expect(result).toMatchObject({
        ok: true,
        storedCheckpoints: 5,
        validCheckpoints: 5,
        coveredUpTo: 46n,
      });
    });

    it('writes only full segments in periodic mode, and nothing when nothing is due', async () => {
      await append(25);
      const written = await writeCheckpoints(store, {
        key,
        segmentSize: 10,
        fullSegmentsOnly: true,
      });
      expect(written.map((c) => c.position)).toEqual([10n, 20n]);
      expect(await writeCheckpoints(store, { key, upTo: 20n })).toEqual([]);
    });

    it('lets two writers race without writing a range twice', async () => {
      await append(30);
      const other = new SqliteEventStore({ file });
      try {
        await Promise.all([
          writeCheckpoints(store, { key, segmentSize: 7 }),
          writeCheckpoints(other, { key, segmentSize: 7 }),
          writeCheckpoints(store, { key, segmentSize: 7 }),
        ]);
      } finally {
        await other.close();
      }
      const stored = (await store.readStream(AUDIT_STREAM)).map((e) => readStoredCheckpoint(e));
      const positions = stored.map((c) => (typeof c === 'string' ? c : c.position));
      expect(new Set(positions).size).toBe(positions.length);
      expect(await verifyAudit(store, { trusted: [key.fingerprint] })).toMatchObject({ ok: true });
    });

    it('refuses to sign an event whose content no longer matches its hash', async () => {
      await append(5);
      await store.close();
      behindTheStore((db) =>
        db.prepare(`UPDATE events SET data = '{"i":99}' WHERE position = 3`).run(),
      );
      store = new SqliteEventStore({ file });
      await expect(writeCheckpoints(store, { key })).rejects.toMatchObject({
        code: 'AUDIT.LOG_NOT_INTACT',
      });
      expect(await store.readStream(AUDIT_STREAM)).toEqual([]);
    });

    it('writes from a timer every N events, and stops cleanly', async () => {
      const checkpointer = new AuditCheckpointer(store, { every: 8, pollMs: 10, key: () => key });
      checkpointer.start();
      await append(20);
      const deadline = Date.now() + 5000;
      while ((await store.readStream(AUDIT_STREAM)).length < 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await checkpointer.stop();
      const stored = await store.readStream(AUDIT_STREAM);
      expect(stored.length).toBeGreaterThanOrEqual(2);
      expect(await verifyAudit(store, { trusted: [key.fingerprint] })).toMatchObject({ ok: true });
    });
  });

  describe('when an auditor holds an exported checkpoint', () => {
    let exported: ExportedCheckpoint;
    beforeEach(async () => {
      key = loadAuditKey(dir, { create: true })!;
      await append(40);
      const written = await writeCheckpoints(store, { key, segmentSize: 16 });
      exported = exportCheckpoint(written.at(-1)!);
      await append(5);
    });

    it('matches an intact log, the file being small', async () => {
      expect(JSON.stringify(exported).length).toBeLessThan(1024);
      const result = await verifyAudit(store, { trusted: [key.fingerprint], against: exported });
      expect(result).toMatchObject({ ok: true, against: { matches: true, position: 40n } });
    });

    it.each([
      ['root', { root: 'ab'.repeat(32) }, 'AUDIT.CHECKPOINT_FORGED'],
      ['event count', { eventCount: '39' }, 'AUDIT.CHECKPOINT_FORGED'],
      ['position', { position: '30' }, 'AUDIT.CHECKPOINT_FORGED'],
      ['key fingerprint', { keyFingerprint: 'cd'.repeat(32) }, 'AUDIT.CHECKPOINT_FORGED'],
      ['format', { format: 'something-else' }, 'AUDIT.CHECKPOINT_MALFORMED'],
      ['signature', { signature: 'AAAA' }, 'AUDIT.CHECKPOINT_FORGED'],
    ])('rejects a file whose %s was edited', async (_what, change, code) => {
      const result = await verifyAudit(store, {
        trusted: [key.fingerprint],
        against: { ...exported, ...change },
      });
      expect(result.ok).toBe(false);
      expect(result.rejection?.code).toBe(code);
      expect(result.rejection?.messages.vi).toMatch(/Tệp điểm kiểm tra bị từ chối/);
      expect(result.rejection?.messages.en).toMatch(/The checkpoint file is rejected/);
    });

    it('rejects a file signed by a key it does not trust, naming its fingerprint', async () => {
      const { privateKey } = generateKeyPairSync('ed25519');
      const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      const forger = loadAuditKey(dir, { create: false, key: pem })!;
      const forged = exportCheckpoint(
        signCheckpoint(
          {
            position: 40n,
            eventCount: 40n,
            root: 'ef'.repeat(32),
            createdAt: new Date().toISOString(),
            previousRoot: null,
          },
          forger,
        ),
      );
      const result = await verifyAudit(store, { trusted: [key.fingerprint], against: forged });
      expect(result.rejection?.code).toBe('AUDIT.CHECKPOINT_UNTRUSTED_KEY');
      expect(result.rejection?.messages.en).toContain(forger.fingerprint);
      // Trusted once listed (e.g. an old key after a rotation): then its root is checked.
      const listed = await verifyAudit(store, {
        trusted: [key.fingerprint, forger.fingerprint],
        against: forged,
      });
      expect(listed.rejection).toBeUndefined();
      expect(listed.firstBad?.code).toBe('AUDIT.ROOT_MISMATCH');
    });

    it('names the first missing position when the log is truncated after the export', async () => {
      await store.close();
      behindTheStore((db) => db.prepare('DELETE FROM events WHERE position > 33').run());
      store = new SqliteEventStore({ file });
      const result = await verifyLedger(store, { trusted: [key.fingerprint], against: exported });
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toMatchObject({
        position: 34n,
        code: 'AUDIT.EVENTS_MISSING',
        source: 'checkpoints',
      });
    });

    it('names a consistently rewritten event exactly, though every hash chain checks out', async () => {
      await store.close();
      behindTheStore((db) => {
        const row = db.prepare('SELECT * FROM events WHERE position = 20').get() as Row;
        const data = { i: 1_000_000 };
        const hash = hashEvent({
          id: row.event_id,
          streamId: row.stream_id,
          revision: row.revision,
          type: row.type,
          schemaVersion: Number(row.schema_version),
          data,
          metadata: JSON.parse(row.metadata),
          previousHash: row.previous_hash,
        });
        db.prepare('UPDATE events SET data = ?, hash = ? WHERE position = 20').run(
          JSON.stringify(data),
          hash,
        );
        // Re-link the rest of the stream so that its chain stays whole.
        let previous = hash;
        const rest = db
          .prepare('SELECT * FROM events WHERE stream_id = ? AND position > 20 ORDER BY position')
          .all(row.stream_id) as Row[];
        for (const r of rest) {
          const h = hashEvent({
            id: r.event_id,
            streamId: r.stream_id,
            revision: r.revision,
            type: r.type,
            schemaVersion: Number(r.schema_version),
            data: JSON.parse(r.data),
            metadata: JSON.parse(r.metadata),
            previousHash: previous,
          });
          db.prepare('UPDATE events SET previous_hash = ?, hash = ? WHERE position = ?').run(
            previous,
            h,
            r.position,
          );
          previous = h;
        }
      });
      store = new SqliteEventStore({ file });
      const result = await verifyLedger(store, { trusted: [key.fingerprint], against: exported });
      expect(result.chain.ok).toBe(true);
      expect(result.firstBroken).toMatchObject({
        position: 20n,
        exact: true,
        source: 'checkpoints',
      });
    });

    it('flags a stored checkpoint that was edited and re-hashed, at its own position', async () => {
      const [stored] = await store.readStream(AUDIT_STREAM);
      await store.close();
      behindTheStore((db) => {
        const row = db
          .prepare('SELECT * FROM events WHERE position = ?')
          .get(stored!.position) as Row;
        const data = { ...JSON.parse(row.data), root: '00'.repeat(32) };
        db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
          JSON.stringify(data),
          stored!.position,
        );
      });
      store = new SqliteEventStore({ file });
      const result = await verifyAudit(store, { trusted: [key.fingerprint] });
      expect(result.firstBad).toMatchObject({
        code: 'AUDIT.CHECKPOINT_FORGED',
        position: stored!.position,
      });
    });
  });
});
