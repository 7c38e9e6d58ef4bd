import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Authority, Role } from '@app/budgeting';
import { FollowUpRunner, LedgerClock } from '@app/application';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@app/event-store';
import { AppModule } from '@app/api';
import { CredentialStore } from '@app/api-state';
import { configureApp } from '@app/api';
import { createHttpAdapter } from '@app/api';
import { ExampleLoader } from '@app/api';

/**
 * A vice-chairman's delegation over every part and unit. Open-ended: approvals are checked
 * on the day they are recorded too, and these tests run years after 2024.
 */
export const BA_TO_AUTHORITY: Authority = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: [],
  units: [],
  validFrom: '2024-01-01',
  validTo: null,
};

/** The units the tests put money on, and the decisions they allocate under. */
export const TEST_UNITS = ['LDTBXH', 'TCKH', 'TU_PHAP', 'VP_HDND_UBND'] as const;
export const TEST_DECISIONS = [
  { number: '30/QĐ-UBND', issuedOn: '2024-03-25', title: 'Phân bổ kinh phí sự nghiệp năm 2024' },
  { number: '699/QĐ-UBND', issuedOn: '2024-03-19', title: 'Chuyển nguồn năm 2023 sang 2024' },
] as const;

/**
 * Nghị quyết 111/2024/QH15 of the National Assembly (18/1/2024), which extended NTP
 * carry-overs: registered by the specs that extend a deadline under it.
 */
export const NQ111 = {
  number: '111/2024/QH15',
  type: 'NQ',
  issuer: 'Quốc hội',
  issuedOn: '2024-01-18',
  title: 'Cơ chế, chính sách đặc thù thực hiện các chương trình mục tiêu quốc gia',
} as const;

/** The API on a fresh data folder, as a user would meet it, with helpers to act as someone. */
export class ApiHarness {
  private constructor(
    readonly app: INestApplication,
    private readonly dir: string,
    private readonly savedEnv: NodeJS.ProcessEnv,
  ) {}

  /** @param clock pins "today" and recorded times of the ledger's own processes (lapses) */
  static async start(
    env: Record<string, string> = {},
    options: { clock?: LedgerClock } = {},
  ): Promise<ApiHarness> {
    const savedEnv = { ...process.env };
    const dir = mkdtempSync(join(tmpdir(), 'budget-e2e-'));
    Object.assign(process.env, {
      BUDGET_DATA_DIR: dir,
      EVENT_STORE: 'sqlite',
      BUDGET_NO_EXAMPLE: '1',
      // The access log (info) and refusals (warn) of hundreds of test requests are noise here.
      LOG_LEVEL: 'error',
      ...env,
    });
    let builder = Test.createTestingModule({ imports: [AppModule] });
    if (options.clock) builder = builder.overrideProvider(LedgerClock).useValue(options.clock);
    const moduleRef = await builder.compile();
    const app = configureApp(moduleRef.createNestApplication(createHttpAdapter()));
    await app.init();
    // As main.ts does after listen: readiness waits for it (skipped unless asked for).
    await app.get(ExampleLoader).run();
    return new ApiHarness(app, dir, savedEnv);
  }

  get store(): EventStore {
    return this.app.get<EventStore>(EVENT_STORE);
  }

  /** Creates a user and returns a bearer token, as `budget users add` does. */
  user(
    name: string,
    role: Role,
    options: { unit?: string | null; authority?: Authority | null; personId?: string } = {},
  ): string {
    const credentials = this.app.get(CredentialStore);
    const id = `u-${randomUUID().slice(0, 8)}`;
    credentials.upsertUser({
      id,
      name,
      role,
      unit: options.unit ?? null,
      authority: options.authority ?? null,
      ...(options.personId ? { personId: options.personId } : {}),
    });
    return credentials.issueToken(id);
  }

  /**
   * Registers the units and the decisions allocations cite, as an administrator does
   * before assigning estimates (allocations under an unregistered decision, or to an
   * unregistered unit, are refused).
   */
  async registerReference(
    admin: string,
    units: readonly string[] = TEST_UNITS,
    decisions: readonly {
      number: string;
      issuedOn: string;
      title: string;
      amount?: string;
      /** A QĐ of the district committee unless said. */
      type?: string;
      issuer?: string;
    }[] = TEST_DECISIONS,
  ): Promise<void> {
    for (const code of units) {
      await this.post('/api/v1/units', admin, {
        code,
        name: `Đơn vị ${code}`,
        kind: 'district_agency',
        validFrom: '2021-01-01',
      }).expect(201);
    }
    for (const d of decisions) {
      await this.post('/api/v1/documents', admin, {
        type: 'QĐ',
        issuer: 'UBND huyện Ba Tơ',
        ...d,
      }).expect(201);
    }
  }

  /**
   * The allocation most tests start from: `amount` đồng to LDTBXH's central DA7.TDA1 line
   * of 2024, under 30/QĐ-UBND on 25/3/2024 (registered by registerReference).
   */
  async allocate(token: string, amount = '1000000'): Promise<void> {
    await this.post('/api/v1/allocations', token, {
      fiscalYear: 2024,
      programPart: 'DA7.TDA1',
      fundSource: 'central',
      sourceYear: 2024,
      unit: 'LDTBXH',
      amount,
      decision: '30/QĐ-UBND',
      effectiveDate: '2024-03-25',
    }).expect(201);
  }

  post(path: string, token: string, body: object, key: string = randomUUID()): request.Test {
    return request(this.app.getHttpServer())
      .post(path)
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', key)
      .send(body);
  }

  get(path: string, token: string): request.Test {
    return request(this.app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
  }

  /**
   * Carries 2023 money into a 2024 line under Decision 699/QĐ-UBND (19/3/2024), as an
   * officer requests and an approver approves it; returns the transfer's id and how the
   * transfer process settled it.
   */
  async carryOver(
    officer: string,
    approver: string,
    toLine: string,
    amount: string,
  ): Promise<{ id: string; outcome: 'TransferCompleted' | 'TransferFailed' }> {
    const { id } = (
      await this.post('/api/v1/transfers', officer, {
        kind: 'carry_over',
        toLine,
        amount,
        decision: '699/QĐ-UBND',
        effectiveDate: '2024-03-19',
      }).expect(201)
    ).body as { id: string };
    await this.post(`/api/v1/transfers/${id}/approve`, approver, {}).expect(200);
    return { id, outcome: await this.transferOutcome(id) };
  }

  /** Waits until the transfer process has settled a transfer; returns how it ended. */
  async transferOutcome(
    transferId: string,
    attempts = 400,
  ): Promise<'TransferCompleted' | 'TransferFailed'> {
    for (let i = 0; i < attempts; i++) {
      const last = (await this.store.readStream(`transfer-${transferId}`)).at(-1)?.type;
      if (last === 'TransferCompleted' || last === 'TransferFailed') return last;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`transfer ${transferId} was not settled`);
  }

  /**
   * Events in the log once every carry-over lapse due on the harness's clock is in it: the
   * lapse timer (2 s after start, then on an interval) would otherwise land between two
   * counts and be taken for an event of the request in between.
   */
  async eventCount(): Promise<number> {
    await this.app.get(FollowUpRunner).lapseWhenCaughtUp();
    return (await this.allEvents()).length;
  }

  async allEvents(): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    let after: bigint | undefined;
    for (;;) {
      const page = await this.store.readAll({
        ...(after === undefined ? {} : { after }),
        maxCount: 1000,
      });
      out.push(...page);
      if (page.length < 1000) return out;
      after = page.at(-1)?.position;
    }
  }

  async stop(): Promise<void> {
    await this.app.close();
    process.env = this.savedEnv;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
