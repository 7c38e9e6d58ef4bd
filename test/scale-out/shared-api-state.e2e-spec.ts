import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Credentials, SecurityLog } from '@app/api-state';
import { IdempotencyStore, requestHash } from '@app/api';
import { ApiHarness } from '../support/api-harness';
import { listeningPort } from '@app/testing/faults';
import { ProjectorProcess } from './support/projector-process';
import { until } from './support/until';

const API_MAIN = join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.ts');

const allocation = (amount: string): object => ({
  fiscalYear: 2024,
  programPart: 'DA7.TDA1',
  fundSource: 'central',
  sourceYear: 2024,
  unit: 'LDTBXH',
  amount,
  decision: '30/QĐ-UBND',
  effectiveDate: '2024-03-25',
});

/**
 * Two API replicas on one data folder and nothing else in common: A in this process,
 * B in a child process of its own, as `npm start` runs it. Whatever one replica learns
 * (a token, a session, an idempotency key, a refusal) the other must know from the shared
 * store alone, since they share no memory. On SQLite the store is the files of the data
 * folder; with READ_STORE=mongodb the same code goes to MongoDB (test/api-state).
 */
describe('two API replicas share sign-in, sessions, idempotency and the security log through the store', () => {
  let dir: string;
  let a: ApiHarness;
  let b: ProjectorProcess;
  let bUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-replicas-'));
    a = await ApiHarness.start({ BUDGET_DATA_DIR: dir });
    // The projector's child-process helper runs any entry point: here the API's own main.
    b = ProjectorProcess.start(
      dir,
      {
        PORT: '0',
        BUDGET_NO_EXAMPLE: '1',
        BUDGET_PROJECTIONS: 'off',
        BUDGET_FOLLOW_UPS: 'off',
      },
      API_MAIN,
    );
    await until(
      () => b.output().includes('API running') || b.child.exitCode !== null,
      60_000,
      'replica B to listen',
    );
    if (b.child.exitCode !== null) throw new Error(`replica B exited:\n${b.output()}`);
    // PORT=0 and the port read back from its start-up line (see listeningPort).
    bUrl = `http://127.0.0.1:${listeningPort(b.output()) ?? 0}`;
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const onB = (): ReturnType<typeof request> => request(bUrl);

  it('accepts on B a token issued on A, and refuses it on B once revoked on A', async () => {
    const token = a.user('Kiểm toán', 'auditor');
    await onB()
      .get('/api/v1/budget-lines?fiscalYear=2024')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const credentials = a.app.get(Credentials);
    const user = await credentials.authenticate(token);
    await credentials.revokeUserTokens(user!.actor.userId);
    await onB()
      .get('/api/v1/budget-lines?fiscalYear=2024')
      .set('Authorization', `Bearer ${token}`)
      .expect(401);
  });

  it('honours on B an Idempotency-Key used on A: the first answer again, nothing recorded twice', async () => {
    const admin = a.user('Quản trị', 'admin');
    await a.registerReference(admin, ['LDTBXH']);
    const first = await a.post('/api/v1/allocations', admin, allocation('1000000'), 'alloc-1');
    expect(first.status).toBe(201);
    const recorded = (await a.allEvents()).length;
    const again = await onB()
      .post('/api/v1/allocations')
      .set('Authorization', `Bearer ${admin}`)
      .set('Idempotency-Key', 'alloc-1')
      .send(allocation('1000000'))
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await onB()
      .post('/api/v1/allocations')
      .set('Authorization', `Bearer ${admin}`)
      .set('Idempotency-Key', 'alloc-1')
      .send(allocation('2000000'))
      .expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect((await a.allEvents()).length).toBe(recorded);
  });

  it('records nothing twice when the idempotency record was lost (synchronous=NORMAL)', async () => {
    const admin = a.user('Quản trị', 'admin');
    await a.registerReference(admin, ['LDTBXH']);
    const first = await a.post('/api/v1/allocations', admin, allocation('4000000'), 'alloc-lost');
    expect(first.status).toBe(201);
    const recorded = (await a.allEvents()).length;
    // What a power cut may do to idempotency.sqlite: the last records gone.
    const db = new Database(join(dir, 'idempotency.sqlite'));
    try {
      db.prepare("DELETE FROM idempotency WHERE key = 'alloc-lost'").run();
    } finally {
      db.close();
    }
    const retry = await onB()
      .post('/api/v1/allocations')
      .set('Authorization', `Bearer ${admin}`)
      .set('Idempotency-Key', 'alloc-lost')
      .send(allocation('4000000'))
      .expect(201);
    // Run again, not replayed from the store, yet the log finds its own events by id.
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.body.position).toBe(first.body.position);
    expect((await a.allEvents()).length).toBe(recorded);
  });

  it('answers 409 on B while the same key is still running on A', async () => {
    const admin = a.user('Quản trị', 'admin');
    const userId = (await a.app.get(Credentials).authenticate(admin))!.actor.userId;
    const body = allocation('3000000');
    // A's request is mid-flight: its claim is in the store, its answer not yet.
    const claim = await a.app
      .get(IdempotencyStore)
      .begin(userId, 'alloc-running', requestHash('POST', '/api/v1/allocations', body));
    expect(claim.kind).toBe('started');
    const res = await onB()
      .post('/api/v1/allocations')
      .set('Authorization', `Bearer ${admin}`)
      .set('Idempotency-Key', 'alloc-running')
      .send(body)
      .expect(409);
    expect(res.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');
  });

  it('keeps a dashboard session opened on A on B, and ends it everywhere at sign-out on B', async () => {
    const token = a.user('Kiểm toán', 'auditor');
    const signIn = await request(a.app.getHttpServer())
      .post('/login')
      .type('form')
      .send({ token, next: '/' })
      .expect(303);
    const cookie = String(signIn.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^budget_session=/);

    const page = await onB().get('/').set('Cookie', cookie).expect(200);
    expect(page.text).toContain('Kiểm toán');
    await onB().get('/logout').set('Cookie', cookie).expect(303);

    const after = await request(a.app.getHttpServer()).get('/').set('Cookie', cookie).expect(303);
    expect(after.headers.location).toMatch(/^\/login/);
  });

  it('writes a refusal on B where A reads the security log', async () => {
    const officer = a.user('Cán bộ', 'officer', { unit: 'LDTBXH' });
    await onB().get('/api/v1/audit/verify').set('Authorization', `Bearer ${officer}`).expect(403);
    const recent = await a.app.get(SecurityLog).recent(5);
    expect(recent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: '/api/v1/audit/verify',
          status: 403,
          code: 'AUTH.ROLE_FORBIDDEN',
        }),
      ]),
    );
  });
});
