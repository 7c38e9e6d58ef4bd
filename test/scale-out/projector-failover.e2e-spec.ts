import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConservation } from '@app/application';
import { ALL_PROJECTIONS, SqliteDocumentStore, type Lease } from '@app/read-models';
import { holderPid } from '@app/projector';
import { cleanRebuild, Ledger, readModels, servingCheckpoints } from './support/ledger';
import { ProjectorProcess } from './support/projector-process';
import { until } from './support/until';

const LEASES = [...ALL_PROJECTIONS.map((p) => `projection:${p.name}`), 'follow-ups'];

async function leases(docs: SqliteDocumentStore): Promise<Lease[]> {
  const found = await Promise.all(LEASES.map((name) => docs.readLease(name)));
  return found.filter((l): l is Lease => l !== null);
}

/** Whether every lease is held by that process (by the pid in its holder). */
async function allHeldBy(docs: SqliteDocumentStore, pid: number): Promise<boolean> {
  const held = await leases(docs);
  return held.length === LEASES.length && held.every((l) => holderPid(l.holder) === pid);
}

async function caughtUp(docs: SqliteDocumentStore, ledger: Ledger): Promise<boolean> {
  const head = await ledger.head();
  return Object.values(await servingCheckpoints(docs)).every((p) => p !== null && p >= head);
}

/** Each transfer settled once: one completion, one debit and one credit per transfer. */
async function settledOnce(ledger: Ledger, ids: readonly string[]): Promise<boolean> {
  const log = await ledger.all();
  return ids.every((id) => {
    const about = log.filter((e) => e.data.transferId === id);
    const count = (type: string): number => about.filter((e) => e.type === type).length;
    return (
      count('TransferCompleted') === 1 &&
      count('FundsTransferredOut') === 1 &&
      count('FundsTransferredIn') === 1
    );
  });
}

describe('projector failover on the embedded stores (two processes, one data folder)', () => {
  let dir: string;
  let ledger: Ledger;
  let docs: SqliteDocumentStore;
  const projectors: ProjectorProcess[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-failover-'));
    ledger = new Ledger(dir);
    docs = new SqliteDocumentStore({ file: join(dir, 'read-models.sqlite') });
  });
  afterEach(async () => {
    await Promise.all(projectors.splice(0).map((p) => p.stop('SIGKILL')));
    await docs.close();
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands everything to the standby when the active one is killed; it resumes from the checkpoints and nothing is applied twice', async () => {
    await ledger.history(11, 40);
    const active = ProjectorProcess.start(dir);
    projectors.push(active);
    await active.ready();
    await until(() => allHeldBy(docs, active.pid), 5000, 'the first projector to hold every lease');
    await until(() => caughtUp(docs, ledger), 10_000, 'the read models to reach the head');

    const standby = ProjectorProcess.start(dir);
    projectors.push(standby);
    await standby.ready();
    expect(await allHeldBy(docs, active.pid)).toBe(true);

    // Work arrives, and the active projector dies (kill -9) in the middle of it.
    await ledger.approvedTransfer('tr-failover-1', 7_000_000n);
    await ledger.history(12, 60);
    await ledger.approvedTransfer('tr-failover-2', 5_000_000n);
    const tokensBefore = new Map((await leases(docs)).map((l) => [l.name, l.token]));
    await active.stop('SIGKILL');

    await until(() => allHeldBy(docs, standby.pid), 5000, 'the standby to take every lease');
    for (const lease of await leases(docs)) {
      expect(lease.token).toBe((tokensBefore.get(lease.name) ?? 0) + 1);
    }
    await ledger.approvedTransfer('tr-failover-3', 3_000_000n);
    await ledger.history(13, 30);
    await until(() => caughtUp(docs, ledger), 10_000, 'the standby to reach the head');
    const ids = ['tr-failover-1', 'tr-failover-2', 'tr-failover-3'];
    await until(() => settledOnce(ledger, ids), 10_000, 'every transfer to settle once');
    // The transfers' own appends must be projected too before comparing.
    await until(() => caughtUp(docs, ledger), 10_000, 'the standby to reach the head again');

    expect(await readModels(docs)).toEqual(
      await cleanRebuild(ledger.events, join(dir, 'clean.sqlite')),
    );
    expect((await checkConservation(ledger.events)).problems).toEqual([]);
    expect(standby.output()).toContain('projection:balances: running (token 2)');

    // A clean stop hands the leases back at once (expired now), for the next projector.
    await standby.stop('SIGTERM');
    const released = await leases(docs);
    expect(released.every((l) => Date.parse(l.expiresAt) <= Date.now())).toBe(true);
  }, 120_000);
});
