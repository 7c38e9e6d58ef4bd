import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AUDIT_STREAM,
  hashEvent,
  SqliteEventStore,
  type EventMetadata,
  type JsonObject,
} from '@app/event-store';
import { someEvents } from '@app/testing';
import { ApiHarness } from '../support/api-harness';

const BIN = join(__dirname, '..', '..', 'bin', 'budget.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function budget(dataDir: string, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, BUDGET_DATA_DIR: dataDir };
  delete env.BUDGET_LANG;
  delete env.EVENT_STORE;
  delete env.BUDGET_AUDIT_KEY;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: tmpdir(), env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

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
}

/**
 * Changes one event's data and re-hashes it and the rest of its stream, as a careful
 * forger holding the file would: every hash chain still checks out.
 */
function rewriteConsistently(file: string, position: bigint): void {
  const db = new Database(file);
  db.defaultSafeIntegers(true);
  try {
    db.exec('DROP TRIGGER events_are_immutable');
    const target = db
      .prepare<[bigint], Row>('SELECT * FROM events WHERE position = ?')
      .get(position)!;
    const stream = db
      .prepare<[string, bigint], Row>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision',
      )
      .all(target.stream_id, target.revision);
    let previous = target.previous_hash;
    for (const row of stream) {
      const data =
        row.position === position
          ? JSON.stringify({ ...(JSON.parse(row.data) as object), amount: '999000000' })
          : row.data;
      const hash = hashEvent({
        id: row.event_id,
        streamId: row.stream_id,
        revision: row.revision,
        type: row.type,
        schemaVersion: Number(row.schema_version),
        data: JSON.parse(data) as JsonObject,
        metadata: JSON.parse(row.metadata) as EventMetadata,
        previousHash: previous,
      });
      db.prepare('UPDATE events SET data = ?, previous_hash = ?, hash = ? WHERE position = ?').run(
        data,
        previous,
        hash,
        row.position,
      );
      previous = hash;
    }
  } finally {
    db.close();
  }
}

describe('audit checkpoints through HTTP', () => {
  let api: ApiHarness;
  let dataDir: string;
  let admin: string;
  let auditor: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'budget-audit-http-'));
    api = await ApiHarness.start({ BUDGET_DATA_DIR: dataDir });
    admin = api.user('Quản trị', 'admin');
    auditor = api.user('Kiểm toán viên', 'auditor');
    await api.registerReference(admin, ['LDTBXH', 'YTE']);
    for (const unit of ['LDTBXH', 'YTE']) {
      await api
        .post('/api/v1/allocations', admin, {
          fiscalYear: 2024,
          programPart: 'DA7.TDA1',
          fundSource: 'central',
          sourceYear: 2024,
          unit,
          amount: '1000000',
          decision: '30/QĐ-UBND',
          effectiveDate: '2024-03-25',
        })
        .expect(201);
    }
  });

  afterAll(async () => {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets an admin sign a checkpoint now and answers the file to export', async () => {
    const head = await api.store.headPosition();
    const res = await api
      .post('/api/v1/audit/checkpoints', admin, { reason: 'Kiểm toán quý II/2024' })
      .expect(201);
    expect(res.body).toMatchObject({
      format: 'budget-ledger-audit-checkpoint',
      version: 1,
      position: head?.toString(),
      eventCount: head?.toString(),
      algorithm: 'Ed25519',
      root: expect.stringMatching(/^[0-9a-f]{64}$/),
      keyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(statSync(join(dataDir, 'audit.key')).mode & 0o777).toBe(0o600);
    const [stored] = await api.store.readStream(AUDIT_STREAM);
    expect(stored?.metadata).toMatchObject({
      extra: { reason: 'Kiểm toán quý II/2024', requestedBy: 'Quản trị' },
    });
    const verify = await api.get('/api/v1/audit/verify', auditor).expect(200);
    expect(verify.body).toMatchObject({
      ok: true,
      audit: { ok: true, checkpointsValid: 1, coveredUpTo: head?.toString() },
    });
  });

  it('refuses other roles and unknown fields, recording nothing', async () => {
    const before = await api.store.headPosition();
    expect((await api.post('/api/v1/audit/checkpoints', auditor, {}).expect(403)).body.code).toBe(
      'AUTH.ROLE_FORBIDDEN',
    );
    const bad = await api.post('/api/v1/audit/checkpoints', admin, { position: '1' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION.FAILED');
    expect(await api.store.headPosition()).toBe(before);
  });

  it('names a consistently rewritten event, and will not sign the rewritten log', async () => {
    const [first] = await api.store.readAll({ maxCount: 1 });
    rewriteConsistently(join(dataDir, 'events.sqlite'), first!.position);
    const verify = await api.get('/api/v1/audit/verify', auditor).expect(200);
    expect(verify.body).toMatchObject({
      ok: false,
      firstBroken: {
        position: first!.position.toString(),
        source: 'checkpoints',
        code: 'AUDIT.EVENT_DIFFERS',
        exact: true,
        message: { vi: expect.stringContaining('KHÔNG toàn vẹn'), en: expect.any(String) },
      },
    });
    const before = await api.store.headPosition();
    const refused = await api.post('/api/v1/audit/checkpoints', admin, {}).expect(409);
    expect(refused.body).toMatchObject({
      code: 'AUDIT.LOG_NOT_INTACT',
      details: { position: first!.position.toString() },
    });
    expect(await api.store.headPosition()).toBe(before);
  });
});

describe('budget verify with checkpoints', () => {
  let dataDir: string;
  let file: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'budget-audit-cli-'));
    file = join(dataDir, 'events.sqlite');
    const store = new SqliteEventStore({ file });
    try {
      for (const stream of ['line-a', 'line-b', 'line-a', 'line-c']) {
        await store.append(stream, someEvents(3), { expectedRevision: 'any' });
      }
    } finally {
      await store.close();
    }
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs and exports a checkpoint, then matches the log against it', async () => {
    const out = join(dataDir, 'checkpoint-2024.json');
    const signed = await budget(dataDir, 'verify', '--checkpoint', '--out', out);
    expect(signed).toMatchObject({ code: 0, stderr: '' });
    expect(signed.stdout).toContain('Sổ sự kiện toàn vẹn: đã kiểm tra 12 sự kiện');
    expect(signed.stdout).toContain('Đã ký điểm kiểm tra: 12 sự kiện đến vị trí 12');
    const exported = JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>;
    expect(exported).toMatchObject({ position: '12', eventCount: '12', algorithm: 'Ed25519' });

    const checked = await budget(dataDir, 'verify', '--against', out, '--json');
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({
      ok: true,
      audit: { against: { position: '12', matches: true }, checkpointsValid: 1 },
    });

    // A forged file: the auditor's copy with another root.
    const forged = join(dataDir, 'forged.json');
    writeFileSync(forged, JSON.stringify({ ...exported, root: '0'.repeat(64) }));
    const refused = await budget(dataDir, 'verify', '--against', forged);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Tệp điểm kiểm tra bị từ chối: chữ ký không hợp lệ');
    expect(refused.stderr).toContain(
      'The checkpoint file is rejected: its signature does not verify',
    );

    // The log cut back after the export (its stored checkpoint goes with it).
    const db = new Database(file);
    try {
      db.exec('DROP TRIGGER events_are_never_deleted');
      db.prepare('DELETE FROM events WHERE position > 9').run();
    } finally {
      db.close();
    }
    const truncated = await budget(dataDir, 'verify', '--against', out);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toContain('vị trí hỏng đầu tiên 10');
    expect(truncated.stderr).toContain('first bad position 10');
    expect(truncated.stderr).toContain('the events after position 9 are missing');
    expect(existsSync(out)).toBe(true);
  });
});
