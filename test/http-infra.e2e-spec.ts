import { Body, Controller, Get, type INestApplication, Module, Param, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import {
  IsEnum,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ConcurrencyError } from '@app/event-store';
import { Allow, CurrentActor, CurrentAuthority, Public } from '@app/api';
import { CredentialStore } from '@app/api-state';
import { HttpInfraModule, IsBusinessDate, IsMoneyString, configureApp } from '@app/api';
import { CommandKey, IdempotencyStore, requestHash } from '@app/api';
import { createHttpAdapter } from '@app/api';
import { policy } from '@app/budgeting';
import type { Actor, Authority } from '@app/budgeting';
import { DomainError, type DomainErrorKind } from '@app/budgeting';

enum Channel {
  Treasury = 'treasury',
  Cash = 'cash',
}

class PayeeDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;
}

class EchoDto {
  @IsMoneyString()
  amount!: string;

  @IsBusinessDate()
  effectiveDate!: string;

  @IsEnum(Channel)
  channel!: Channel;

  @IsIn(['travel_allowance', 'training'])
  category!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => PayeeDto)
  payee!: PayeeDto;

  @IsOptional()
  @IsString()
  @MaxLength(70_000)
  note?: string;
}

class NoteDto {
  @IsString()
  note!: string;
}

const calls = { echo: 0, slow: 0, refuse: 0, crash: 0, race: 0 };
let releaseSlow: () => void = () => undefined;
let slowEntered: Promise<void> = Promise.resolve();

const KINDS: Record<string, DomainErrorKind> = {
  validation: 'validation',
  forbidden: 'forbidden',
  'not-found': 'not_found',
  conflict: 'conflict',
  rule: 'rule',
};

const testPolicy = (name: string, roles: Actor['role'][]) =>
  policy({ name, kind: 'write', action: { vi: name, en: name }, roles, scope: 'any', doors: [] });

@Controller('api/v1')
@Allow(testPolicy('Test', ['officer', 'accountant', 'approver', 'auditor', 'admin']))
class TestController {
  @Post('echo')
  @Allow(testPolicy('Echo', ['officer', 'accountant']))
  echo(
    @Body() dto: EchoDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Record<string, unknown> {
    calls.echo += 1;
    return {
      id: `exp-${calls.echo}`,
      amount: dto.amount,
      by: actor.userId,
      key,
      transformed: dto instanceof EchoDto && dto.payee instanceof PayeeDto,
    };
  }

  @Post('slow')
  async slow(@Body() dto: NoteDto): Promise<{ note: string; run: number }> {
    calls.slow += 1;
    const run = calls.slow;
    await new Promise<void>((resolve) => {
      releaseSlow = resolve;
      slowEnteredResolve();
    });
    return { note: dto.note, run };
  }

  @Post('refuse')
  refuse(@Body() _dto: NoteDto): never {
    calls.refuse += 1;
    throw new DomainError(
      'BUDGET.LINE_OVERDRAWN',
      'conflict',
      { vi: 'Vượt số dư của dòng ngân sách', en: 'The budget line would be overdrawn' },
      { available: '100' },
    );
  }

  @Post('crash')
  crash(@Body() _dto: NoteDto): never {
    calls.crash += 1;
    throw new Error('secret internals at /srv/ledger/db.sqlite');
  }

  @Post('race')
  race(@Body() _dto: NoteDto): never {
    calls.race += 1;
    throw new ConcurrencyError('BudgetLine-1', 3n, 4n);
  }

  @Get('fail/:kind')
  fail(@Param('kind') kind: string): never {
    throw new DomainError(`TEST.${kind.toUpperCase()}`, KINDS[kind] ?? 'rule', {
      vi: `Lỗi thử ${kind}`,
      en: `Test failure ${kind}`,
    });
  }

  @Get('whoami')
  whoami(
    @CurrentActor() actor: Actor,
    @CurrentAuthority() authority: Authority | null,
  ): { actor: Actor; authority: Authority | null } {
    return { actor, authority };
  }

  @Public()
  @Get('ping')
  ping(): { pong: true } {
    return { pong: true };
  }
}

let slowEnteredResolve: () => void = () => undefined;
function armSlow(): void {
  slowEntered = new Promise<void>((resolve) => {
    slowEnteredResolve = resolve;
  });
}

@Module({ imports: [HttpInfraModule], controllers: [TestController] })
class TestAppModule {}

const validEcho = {
  amount: '378000000',
  effectiveDate: '2024-03-19',
  channel: 'treasury',
  category: 'training',
  payee: { name: 'Trường Tiểu học Ba Tơ' },
};

describe('HTTP infrastructure', () => {
  let app: INestApplication;
  let server: Server;
  let dir: string;
  let credentials: CredentialStore;
  const tokens = { officer: '', approver: '', auditor: '' };
  const saved = { ...process.env };
  let keySeq = 0;
  const newKey = (): string => `test-key-${++keySeq}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-http-'));
    process.env.BUDGET_DATA_DIR = dir;
    const moduleRef = await Test.createTestingModule({ imports: [TestAppModule] }).compile();
    app = moduleRef.createNestApplication(createHttpAdapter(), { logger: ['fatal'] });
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    server = app.getHttpServer() as Server;

    credentials = app.get(CredentialStore);
    credentials.upsertUser({ id: 'u-officer', name: 'Đinh Văn A', role: 'officer', unit: 'BATO' });
    credentials.upsertUser({
      id: 'u-approver',
      name: 'Phạm Thị B',
      role: 'approver',
      authority: {
        capacity: 'KT. Chủ tịch',
        title: 'Phó Chủ tịch UBND huyện',
        programParts: ['DA6', 'DA7.TDA1'],
        units: [],
        validFrom: '2024-01-01',
        validTo: null,
      },
    });
    credentials.upsertUser({ id: 'u-auditor', name: 'Lê C', role: 'auditor' });
    tokens.officer = credentials.issueToken('u-officer');
    tokens.approver = credentials.issueToken('u-approver');
    tokens.auditor = credentials.issueToken('u-auditor');
  });

  afterAll(async () => {
    await app.close();
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, token = tokens.officer, key: string | null = newKey()) => {
    const req = request(server).post(path).set('Authorization', `Bearer ${token}`);
    return key === null ? req : req.set('Idempotency-Key', key);
  };

  const expectProblem = (res: request.Response, status: number, code: string): void => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status,
      code,
      type: expect.any(String),
      title: expect.any(String),
    });
    expect(res.body.message.vi).toEqual(expect.any(String));
    expect(res.body.message.en).toEqual(expect.any(String));
    expect(res.body.detail).toBe(res.body.message.en);
  };

  const codesByField = (res: request.Response): Record<string, string[]> => {
    const out: Record<string, string[]> = {};
    for (const e of res.body.errors as { field: string; code: string }[]) {
      (out[e.field] ??= []).push(e.code);
    }
    return out;
  };

  describe('when the request is valid', () => {
    it('answers 201 with the handler result, the DTO transformed', async () => {
      const res = await post('/api/v1/echo', tokens.officer, 'valid-1').send(validEcho).expect(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({
        amount: '378000000',
        by: 'u-officer',
        // The command id: the key scoped to the user, the route and its target.
        key: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5/) as string,
        transformed: true,
      });
    });

    it('accepts the largest amount and 0', async () => {
      await post('/api/v1/echo')
        .send({ ...validEcho, amount: '999999999999999999' })
        .expect(201);
      await post('/api/v1/echo')
        .send({ ...validEcho, amount: '0' })
        .expect(201);
    });
  });

  describe('when the body is invalid', () => {
    it('refuses an unknown field and names it', async () => {
      const before = calls.echo;
      const res = await post('/api/v1/echo').send({ ...validEcho, approvedBy: 'me' });
      expectProblem(res, 400, 'VALIDATION.FAILED');
      expect(res.body.errors).toEqual([
        {
          field: 'approvedBy',
          code: 'VALIDATION.UNKNOWN_FIELD',
          message: { vi: 'approvedBy: trường không được phép', en: 'approvedBy: unknown field' },
        },
      ]);
      expect(calls.echo).toBe(before);
    });

    it('lists every problem, nested ones included', async () => {
      const res = await post('/api/v1/echo').send({
        amount: 5,
        effectiveDate: '19/03/2024',
        channel: 'bank',
        category: 'party',
        payee: { name: '', bank: 'x' },
        extra: true,
      });
      expectProblem(res, 400, 'VALIDATION.FAILED');
      const byField = codesByField(res);
      expect(byField).toMatchObject({
        amount: ['VALIDATION.AMOUNT'],
        effectiveDate: ['VALIDATION.DATE'],
        channel: ['VALIDATION.IS_ENUM'],
        category: ['VALIDATION.IS_IN'],
        'payee.name': ['VALIDATION.IS_NOT_EMPTY'],
        'payee.bank': ['VALIDATION.UNKNOWN_FIELD'],
        extra: ['VALIDATION.UNKNOWN_FIELD'],
      });
      const category = (res.body.errors as { field: string; message: { vi: string } }[]).find(
        (e) => e.field === 'category',
      );
      expect(category?.message.vi).toBe(
        'category: phải là một trong các giá trị: travel_allowance, training',
      );
    });

    it('lists missing required fields', async () => {
      const res = await post('/api/v1/echo').send({});
      expectProblem(res, 400, 'VALIDATION.FAILED');
      expect(Object.keys(codesByField(res)).sort()).toEqual(
        ['amount', 'category', 'channel', 'effectiveDate', 'payee'].sort(),
      );
    });

    it.each([
      ['-5', 'VALIDATION.AMOUNT'],
      ['1.5', 'VALIDATION.AMOUNT'],
      ['007', 'VALIDATION.AMOUNT'],
      ['1e9', 'VALIDATION.AMOUNT'],
      [' 5', 'VALIDATION.AMOUNT'],
      ['', 'VALIDATION.AMOUNT'],
      [5, 'VALIDATION.AMOUNT'],
      [1.5, 'VALIDATION.AMOUNT'],
      [null, 'VALIDATION.AMOUNT'],
      ['1000000000000000000', 'VALIDATION.AMOUNT_TOO_LARGE'],
    ])('refuses the amount %p with %s', async (amount, code) => {
      const res = await post('/api/v1/echo').send({ ...validEcho, amount });
      expectProblem(res, 400, 'VALIDATION.FAILED');
      expect(res.body.errors).toEqual([
        { field: 'amount', code, message: { vi: expect.any(String), en: expect.any(String) } },
      ]);
    });

    it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-3-19', '2024-03-19T00:00:00Z'])(
      'refuses the date %s',
      async (effectiveDate) => {
        const res = await post('/api/v1/echo').send({ ...validEcho, effectiveDate });
        expectProblem(res, 400, 'VALIDATION.FAILED');
        expect(codesByField(res)).toEqual({ effectiveDate: ['VALIDATION.DATE'] });
      },
    );

    it('accepts 29 February of a leap year', async () => {
      await post('/api/v1/echo')
        .send({ ...validEcho, effectiveDate: '2024-02-29' })
        .expect(201);
    });

    it('refuses a JSON array as body', async () => {
      const res = await post('/api/v1/echo').send([validEcho]);
      expectProblem(res, 400, 'VALIDATION.FAILED');
    });
  });

  describe('when the body cannot be read', () => {
    it('answers 400 PAYLOAD_TOO_LARGE over 64 kB, as the contract says', async () => {
      const res = await post('/api/v1/echo').send({ ...validEcho, note: 'x'.repeat(66_000) });
      expectProblem(res, 400, 'HTTP.PAYLOAD_TOO_LARGE');
    });

    it('accepts a body just under the limit', async () => {
      await post('/api/v1/echo')
        .send({ ...validEcho, note: 'x'.repeat(60_000) })
        .expect(201);
    });

    it('answers 400 to malformed JSON', async () => {
      const res = await post('/api/v1/echo')
        .set('Content-Type', 'application/json')
        .send('{"amount": "5",');
      expectProblem(res, 400, 'HTTP.BAD_JSON');
    });

    it('answers 415 to a body that is not JSON', async () => {
      const res = await post('/api/v1/echo').type('form').send('amount=5');
      expectProblem(res, 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('when authenticating', () => {
    it('answers 401 without a token', async () => {
      const res = await request(server)
        .post('/api/v1/echo')
        .set('Idempotency-Key', newKey())
        .send(validEcho);
      expectProblem(res, 401, 'AUTH.UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    it('answers 401 to an unknown, malformed, revoked or expired token, or an inactive user', async () => {
      const revoked = credentials.issueToken('u-auditor');
      credentials.revokeToken(CredentialStore.hashToken(revoked));
      const expired = credentials.issueToken('u-auditor', new Date(Date.now() - 1000));
      credentials.upsertUser({ id: 'u-gone', name: 'Gone', role: 'officer', active: false });
      const inactive = credentials.issueToken('u-gone');
      const unknown = `bt_${'A'.repeat(43)}`;
      for (const token of [unknown, 'not-a-token', revoked, expired, inactive]) {
        const res = await request(server)
          .get('/api/v1/whoami')
          .set('Authorization', `Bearer ${token}`);
        expectProblem(res, 401, 'AUTH.UNAUTHENTICATED');
      }
      const notYetExpired = credentials.issueToken('u-auditor', new Date(Date.now() + 60_000));
      await request(server)
        .get('/api/v1/whoami')
        .set('Authorization', `Bearer ${notYetExpired}`)
        .expect(200);
    });

    it('stores only the hash of a token', () => {
      const token = credentials.issueToken('u-auditor');
      expect(token).toMatch(/^bt_[A-Za-z0-9_-]{43}$/);
      const files = readdirSync(dir).filter((f) => f.startsWith('auth.sqlite'));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        expect(readFileSync(join(dir, file)).includes(Buffer.from(token))).toBe(false);
      }
      expect(credentials.authenticate(token)?.actor.userId).toBe('u-auditor');
    });

    it('gives the handler the actor and its authority', async () => {
      const res = await request(server)
        .get('/api/v1/whoami')
        .set('Authorization', `bearer ${tokens.approver}`)
        .expect(200);
      expect(res.body).toEqual({
        actor: { userId: 'u-approver', name: 'Phạm Thị B', role: 'approver', unit: null },
        authority: {
          capacity: 'KT. Chủ tịch',
          title: 'Phó Chủ tịch UBND huyện',
          programParts: ['DA6', 'DA7.TDA1'],
          units: [],
          validFrom: '2024-01-01',
          validTo: null,
        },
      });
      const officer = await request(server)
        .get('/api/v1/whoami')
        .set('Authorization', `Bearer ${tokens.officer}`)
        .expect(200);
      expect(officer.body.authority).toBeNull();
      expect(officer.body.actor.unit).toBe('BATO');
    });

    it('answers 403 naming the roles needed', async () => {
      const res = await post('/api/v1/echo', tokens.auditor).send(validEcho);
      expectProblem(res, 403, 'AUTH.ROLE_FORBIDDEN');
      expect(res.body.message.en).toContain('officer or accountant');
      expect(res.body.message.vi).toContain('kế toán (accountant)');
    });

    it('lets a @Public() route answer without a token', async () => {
      await request(server).get('/api/v1/ping').expect(200, { pong: true });
    });
  });

  describe('when an Idempotency-Key is used', () => {
    it('answers 400 without the key and runs nothing', async () => {
      const before = calls.echo;
      const res = await post('/api/v1/echo', tokens.officer, null).send(validEcho);
      expectProblem(res, 400, 'IDEMPOTENCY.KEY_REQUIRED');
      expect(calls.echo).toBe(before);
    });

    it('answers 400 to a malformed key', async () => {
      const res = await post('/api/v1/echo', tokens.officer, 'has space').send(validEcho);
      expectProblem(res, 400, 'IDEMPOTENCY.KEY_INVALID');
      const long = await post('/api/v1/echo', tokens.officer, 'k'.repeat(201)).send(validEcho);
      expectProblem(long, 400, 'IDEMPOTENCY.KEY_INVALID');
    });

    it('replays the first answer and runs the handler once', async () => {
      const before = calls.echo;
      const first = await post('/api/v1/echo', tokens.officer, 'replay-1')
        .send(validEcho)
        .expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      // Same request with its keys in another order is the same request.
      const reordered = Object.fromEntries(Object.entries(validEcho).reverse());
      const second = await post('/api/v1/echo', tokens.officer, 'replay-1')
        .send(reordered)
        .expect(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(calls.echo).toBe(before + 1);
    });

    it('answers 422 to the same key with another body', async () => {
      await post('/api/v1/echo', tokens.officer, 'reuse-1').send(validEcho).expect(201);
      const res = await post('/api/v1/echo', tokens.officer, 'reuse-1').send({
        ...validEcho,
        amount: '1',
      });
      expectProblem(res, 422, 'IDEMPOTENCY.KEY_REUSED');
      const otherPath = await post('/api/v1/slow', tokens.officer, 'reuse-1').send({ note: 'x' });
      expectProblem(otherPath, 422, 'IDEMPOTENCY.KEY_REUSED');
    });

    it('scopes keys per user', async () => {
      const accountantId = 'u-accountant';
      credentials.upsertUser({ id: accountantId, name: 'Kế toán D', role: 'accountant' });
      const accountant = credentials.issueToken(accountantId);
      await post('/api/v1/echo', tokens.officer, 'shared-key').send(validEcho).expect(201);
      const res = await post('/api/v1/echo', accountant, 'shared-key').send(validEcho).expect(201);
      expect(res.body.by).toBe(accountantId);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    });

    it('answers 409 to a duplicate arriving while the first runs, and runs the handler once', async () => {
      armSlow();
      const before = calls.slow;
      const first = post('/api/v1/slow', tokens.officer, 'slow-1')
        .send({ note: 'n' })
        .then((r) => r);
      await slowEntered;
      const concurrent = await post('/api/v1/slow', tokens.officer, 'slow-1').send({ note: 'n' });
      expectProblem(concurrent, 409, 'IDEMPOTENCY.IN_PROGRESS');
      releaseSlow();
      const done = await first;
      expect(done.status).toBe(201);
      expect(done.body).toEqual({ note: 'n', run: before + 1 });
      const replay = await post('/api/v1/slow', tokens.officer, 'slow-1')
        .send({ note: 'n' })
        .expect(201);
      expect(replay.body).toEqual(done.body);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(calls.slow).toBe(before + 1);
    });

    it('lets a retry take over a key left in progress past its lease (a crashed process)', async () => {
      const store = app.get(IdempotencyStore);
      const hash = requestHash('POST', '/api/v1/echo', validEcho);
      const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
      expect((await store.begin('u-officer', 'orphan-1', hash, tenMinutesAgo)).kind).toBe(
        'started',
      );
      await post('/api/v1/echo', tokens.officer, 'orphan-1').send(validEcho).expect(201);

      expect((await store.begin('u-officer', 'running-1', hash)).kind).toBe('started');
      const res = await post('/api/v1/echo', tokens.officer, 'running-1').send(validEcho);
      expectProblem(res, 409, 'IDEMPOTENCY.IN_PROGRESS');
    });

    it('keeps a domain refusal as the answer to its key', async () => {
      const before = calls.refuse;
      const first = await post('/api/v1/refuse', tokens.officer, 'refuse-1').send({ note: 'n' });
      expectProblem(first, 409, 'BUDGET.LINE_OVERDRAWN');
      expect(first.body.details).toEqual({ available: '100' });
      const again = await post('/api/v1/refuse', tokens.officer, 'refuse-1').send({ note: 'n' });
      expectProblem(again, 409, 'BUDGET.LINE_OVERDRAWN');
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(calls.refuse).toBe(before + 1);
    });

    it('keeps no answer for a server fault, so a retry runs again', async () => {
      const before = calls.crash;
      const first = await post('/api/v1/crash', tokens.officer, 'crash-1').send({ note: 'n' });
      expectProblem(first, 500, 'INTERNAL');
      expect(JSON.stringify(first.body)).not.toContain('secret');
      const retry = await post('/api/v1/crash', tokens.officer, 'crash-1').send({ note: 'n' });
      expectProblem(retry, 500, 'INTERNAL');
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(calls.crash).toBe(before + 2);
    });

    it('maps a concurrency conflict to 409 and keeps no answer for it', async () => {
      const before = calls.race;
      const first = await post('/api/v1/race', tokens.officer, 'race-1').send({ note: 'n' });
      expectProblem(first, 409, 'EVENT_STORE.CONCURRENCY');
      expect(first.body.message.en).toBe('the record changed at the same time, retry');
      await post('/api/v1/race', tokens.officer, 'race-1').send({ note: 'n' });
      expect(calls.race).toBe(before + 2);
    });

    it('keeps no answer for a validation failure, so the fixed body may reuse the key', async () => {
      const bad = await post('/api/v1/echo', tokens.officer, 'fix-1').send({
        ...validEcho,
        amount: '-1',
      });
      expectProblem(bad, 400, 'VALIDATION.FAILED');
      await post('/api/v1/echo', tokens.officer, 'fix-1').send(validEcho).expect(201);
    });
  });

  describe('when the domain refuses', () => {
    it.each([
      ['validation', 400],
      ['forbidden', 403],
      ['not-found', 404],
      ['conflict', 409],
      ['rule', 422],
    ])('maps a %s error to %i', async (kind, status) => {
      const res = await request(server)
        .get(`/api/v1/fail/${kind}`)
        .set('Authorization', `Bearer ${tokens.auditor}`);
      expectProblem(res, status, `TEST.${kind.toUpperCase()}`);
      expect(res.body.message).toEqual({ vi: `Lỗi thử ${kind}`, en: `Test failure ${kind}` });
    });

    it('answers 404 as a problem for an unknown route', async () => {
      const res = await request(server)
        .get('/api/v1/nowhere')
        .set('Authorization', `Bearer ${tokens.auditor}`);
      expectProblem(res, 404, 'HTTP.NOT_FOUND');
    });
  });

  describe('security headers', () => {
    it.each([
      ['a public answer', () => request(server).get('/api/v1/ping')],
      ['a refusal', () => request(server).get('/api/v1/whoami')],
      [
        'a body-parser refusal',
        () => post('/api/v1/echo').set('Content-Type', 'application/json').send('{'),
      ],
    ])('are on %s', async (_name, send) => {
      const res = await send();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-powered-by']).toBeUndefined();
    });
  });
});
