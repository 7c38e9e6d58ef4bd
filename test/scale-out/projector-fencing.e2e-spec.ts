import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROJECTIONS, SqliteDocumentStore } from '@app/read-models';
import { holderPid } from '@app/projector';
import { cleanRebuild, Ledger, readModels, servingCheckpoints } from './support/ledger';
import { PAUSING_PROJECTOR, ProjectorProcess } from './support/projector-process';
import { until } from './support/until';

// Bounds on waiting for child processes, not claims of speed: on a loaded 2-core machine a
// child can take seconds to be scheduled (a 3 s bound failed there once).
const WAIT_MS = 20_000;
const PROJECTION_LEASES = ALL_PROJECTIONS.map((p) => `projection:${p.name}`);

describe('a projector paused inside a batch (SIGSTOP), resumed after another took over (SIGCONT)', () => {
  let dir: string;
  let ledger: Ledger;
  let docs: SqliteDocumentStore;
  const projectors: ProjectorProcess[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-fencing-'));
    ledger = new Ledger(dir);
    docs = new SqliteDocumentStore({ file: join(dir, 'read-models.sqlite') });
  });
  afterEach(async () => {
    await Promise.all(projectors.splice(0).map((p) => p.stop('SIGKILL')));
    await docs.close();
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const heldBy = async (name: string, pid: number): Promise<boolean> => {
    const lease = await docs.readLease(name);
    return lease !== null && holderPid(lease.holder) === pid;
  };

  it('cannot write the batch it had computed: the store refuses its old token, and it stands down', async () => {
    await ledger.history(21, 40);
    const before = await ledger.head();
    const old = ProjectorProcess.start(
      dir,
      { PAUSE_BEYOND_POSITION: before.toString(), BUDGET_FOLLOW_UPS: 'off' },
      PAUSING_PROJECTOR,
    );
    projectors.push(old);
    await old.ready();
    await until(async () => {
      const checkpoints = Object.values(await servingCheckpoints(docs));
      return checkpoints.every((p) => p !== null && p >= before);
    });
    const fresh = ProjectorProcess.start(dir, { BUDGET_FOLLOW_UPS: 'off' });
    projectors.push(fresh);
    await fresh.ready();

    // New events: the old projector computes its next batch and freezes before writing it.
    await ledger.history(22, 60);
    const pausing = await old.message('pausing');
    const lease = String(pausing.lease);
    expect(pausing.token).toBe(1);
    await until(() => old.state() !== 'R' && old.state() !== 'S', WAIT_MS, 'the process to stop');
    if (old.state() !== null) expect(old.state()).toBe('T');

    // The other projector takes every lease once they expire, and brings the read models to the head.
    for (const name of PROJECTION_LEASES) {
      await until(() => heldBy(name, fresh.pid), WAIT_MS, `${name} to change hands`);
    }
    expect(await docs.readLease(lease)).toMatchObject({ token: 2 });
    const head = await ledger.head();
    await until(async () => {
      const checkpoints = Object.values(await servingCheckpoints(docs));
      return checkpoints.every((p) => p !== null && p >= head);
    });
    const settled = await readModels(docs);

    // Resumed, it hands the store the batch it computed before the pause: refused whole.
    old.signal('SIGCONT');
    const resumed = await old.message('resumed');
    expect(resumed).toMatchObject({ refused: 'READ_MODELS.FENCED_OFF' });
    // Each of its leases stands down on its own (another may notice the lost lease first):
    // wait for the paused one's line, not for the first.
    const stoodDown = `${lease}: stopped, lease lost (token 1)`;
    await until(() => old.output().includes(stoodDown), WAIT_MS, `${lease} to stand down`);
    expect(old.output()).toContain(stoodDown);
    for (const name of PROJECTION_LEASES) expect(await heldBy(name, fresh.pid)).toBe(true);

    // Nothing it did after the pause landed: the read models are the new holder's, and equal a rebuild.
    expect(await readModels(docs)).toEqual(settled);
    expect(settled).toEqual(await cleanRebuild(ledger.events, join(dir, 'clean.sqlite')));
  }, 120_000);
});
