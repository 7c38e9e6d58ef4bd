import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  exportCheckpoint,
  loadAuditKey,
  signCheckpoint,
  SqliteEventStore,
  verifyLedger,
  writeCheckpoints,
  type AuditSigningKey,
  type ExportedCheckpoint,
} from '@app/event-store';
import { anEvent, generateBudgetHistory, ManualClock } from '@app/testing';
import { faultSeed, faultSize, randomFor, recordFigures, trial } from '@app/testing/faults';
import { TAMPERS, type Expectation } from '@app/testing/faults';

const SEED = faultSeed(20241231);
const TRIALS = faultSize('TAMPER_TRIALS', 3, 60);
const OPERATIONS = faultSize('TAMPER_OPERATIONS', 120, 400);
/** Small segments, so that a log of a few hundred events has many stored checkpoints. */
const SEGMENT = 16;

describe(`tampering (seed ${SEED}, ${TRIALS} trials of each of ${Object.keys(TAMPERS).length + 2} classes)`, () => {
  let base: string;
  let key: AuditSigningKey;
  let exported: ExportedCheckpoint;
  let events: number;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'budget-tamper-'));
    key = loadAuditKey(base, { create: true })!;
    const clock = new ManualClock(new Date('2024-03-19T01:00:00.000Z'));
    const store = new SqliteEventStore({ file: join(base, 'events.sqlite'), clock: clock.now });
    try {
      // Checkpoints written as the periodic writer would, then one on demand at the end.
      await generateBudgetHistory(store, clock, {
        seed: SEED,
        operations: OPERATIONS,
        onStep: async (i) => {
          if (i % 10 === 9) {
            await writeCheckpoints(store, {
              key,
              segmentSize: SEGMENT,
              fullSegmentsOnly: true,
              now: clock.now,
            });
          }
        },
      });
      const written = await writeCheckpoints(store, { key, segmentSize: SEGMENT, now: clock.now });
      exported = exportCheckpoint(written.at(-1)!);
      events = Number((await store.headPosition()) ?? 0n);
    } finally {
      await store.close();
    }
  }, 120_000);

  afterAll(() => {
    rmSync(base, { recursive: true, force: true });
  });

  it('is intact before anyone touches it', async () => {
    const store = new SqliteEventStore({ file: join(base, 'events.sqlite') });
    try {
      const result = await verifyLedger(store, { trusted: [key.fingerprint], against: exported });
      expect(result.ok).toBe(true);
      expect(result.audit?.validCheckpoints).toBeGreaterThan(5);
      expect(result.audit?.coveredUpTo).toBe(BigInt(exported.position));
    } finally {
      await store.close();
    }
  });

  it('detects every class of change, at the right position', async () => {
    const random = randomFor(SEED, 'tamper');
    const started = Date.now();
    const tally: Record<string, { trials: number; byChain: number; byCheckpoints: number }> = {};
    for (const [name, tamper] of Object.entries(TAMPERS)) {
      tally[name] = { trials: 0, byChain: 0, byCheckpoints: 0 };
      for (let t = 0; t < TRIALS; t++) {
        await trial({ file: __filename, seed: SEED, label: `${name}, trial ${t}` }, async () => {
          const dir = mkdtempSync(join(base, 'trial-'));
          const file = join(dir, 'events.sqlite');
          copyFileSync(join(base, 'events.sqlite'), file);
          const db = new Database(file);
          db.defaultSafeIntegers(true);
          let expectation: Expectation;
          try {
            db.exec('DROP TRIGGER events_are_immutable; DROP TRIGGER events_are_never_deleted;');
            expectation = await tamper({
              db,
              random,
              covered: BigInt(exported.position),
              appendMore: async (count) => {
                const store = new SqliteEventStore({ file });
                try {
                  for (let i = 0; i < count; i++) {
                    await store.append(`after-${random.int(0, 3)}`, [anEvent()], {
                      expectedRevision: 'any',
                    });
                  }
                } finally {
                  await store.close();
                }
              },
            });
          } finally {
            db.close();
          }
          const store = new SqliteEventStore({ file });
          try {
            const result = await verifyLedger(store, {
              trusted: [key.fingerprint],
              against: exported,
            });
            const broken = result.firstBroken;
            const seen = {
              ok: result.ok,
              position: broken?.position,
              exact: broken?.exact,
              source: broken?.source,
              code: broken?.code,
              verifiedUpTo: broken?.verifiedUpTo,
              chainOk: result.chain.ok,
            };
            expect(result.ok).toBe(false);
            if (expectation.kind === 'exact') {
              expect({ ...seen, position: broken?.position }).toMatchObject({
                position: expectation.position,
                ...(expectation.provenBefore === false ? {} : { exact: true }),
                ...(expectation.chainOk ? { chainOk: true } : {}),
              });
            } else if (expectation.kind === 'within') {
              const after = broken?.verifiedUpTo ?? 0n;
              const upTo = broken?.position ?? 0n;
              if (!(after < expectation.truth && expectation.truth <= upTo)) {
                throw new Error(
                  `the first change (${expectation.truth}) is not within (${after}, ${upTo}]: ${JSON.stringify(seen, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
                );
              }
            }
            tally[name]!.trials++;
            if (broken?.source === 'chain') tally[name]!.byChain++;
            else tally[name]!.byCheckpoints++;
          } finally {
            await store.close();
            rmSync(dir, { recursive: true, force: true });
          }
        });
      }
    }
    recordFigures('tampering', {
      seed: SEED,
      events,
      checkpointSegment: SEGMENT,
      trialsPerClass: TRIALS,
      classes: tally,
      durationMs: Date.now() - started,
    });
  });

  describe('when the exported checkpoint file itself is forged', () => {
    async function check(file: unknown): Promise<string | undefined> {
      const store = new SqliteEventStore({ file: join(base, 'events.sqlite') });
      try {
        const result = await verifyLedger(store, { trusted: [key.fingerprint], against: file });
        expect(result.ok).toBe(false);
        return result.rejection?.code;
      } finally {
        await store.close();
      }
    }

    it('refuses any edited field, whatever the random edit', async () => {
      const random = randomFor(SEED, 'forged-file');
      const fields = [
        'position',
        'eventCount',
        'root',
        'createdAt',
        'previousRoot',
        'signature',
        'publicKey',
        'keyFingerprint',
      ] as const;
      for (let t = 0; t < TRIALS * 3; t++) {
        const field = random.pick(fields);
        const original = String(exported[field]);
        const at = random.int(0, Math.max(0, original.length - 1));
        const flipped =
          original.slice(0, at) + (original[at] === 'a' ? 'b' : 'a') + original.slice(at + 1);
        const code = await check({ ...exported, [field]: flipped });
        expect({ field, code }).toEqual({
          field,
          code: expect.stringMatching(/^AUDIT\.CHECKPOINT_(FORGED|MALFORMED)$/),
        });
      }
    });

    it('refuses a file signed, however well, by a key the ledger does not know', async () => {
      const { privateKey } = generateKeyPairSync('ed25519');
      const forger = loadAuditKey(base, {
        create: false,
        key: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      })!;
      const forged = exportCheckpoint(
        signCheckpoint(
          {
            position: BigInt(exported.position),
            eventCount: BigInt(exported.eventCount),
            root: exported.root.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
            createdAt: exported.createdAt,
            previousRoot: exported.previousRoot,
          },
          forger,
        ),
      );
      expect(await check(forged)).toBe('AUDIT.CHECKPOINT_UNTRUSTED_KEY');
    });
  });
});
