/** Test-only: the people the handler int-specs act as, and the context of their commands. */
import {
  budgetLineStreamId,
  parseBudgetLineId,
  legalDocumentDecider,
  spendingUnitDecider,
  streamIdForLegalDocument,
  streamIdForPlan,
  streamIdForSpendingUnit,
  type Actor,
  type Authority,
  type DocumentType,
  type PlanEvent,
} from '@app/budgeting';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type JsonObject } from '@app/event-store';
import type { CommandContext } from '../command-executor';
import { encodeEvent } from '../event-codec';
import { deterministicUuid } from '../deterministic-id';
import { LineCommands } from '../shared/line-commands';
import { DecideOnStreamCommand, DecideOnStreamHandler } from '../shared/decide-on-stream';

export const admin: Actor = { userId: 'u-admin', name: 'Quản trị', role: 'admin', unit: null };
export const officer: Actor = {
  userId: 'u-officer',
  name: 'Cán bộ',
  role: 'officer',
  unit: 'LDTBXH',
};
export const approver: Actor = {
  userId: 'u-tich',
  name: 'Lữ Đình Tích',
  role: 'approver',
  unit: null,
};
export const accountant: Actor = {
  userId: 'u-acc',
  name: 'Kế toán',
  role: 'accountant',
  unit: null,
};
export const authority: Authority = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: [],
  units: [],
  validFrom: '2024-01-01',
  validTo: '2024-12-31',
};

let n = 0;
/** A command by `actor` taking effect on `effectiveDate`, under a fresh key unless given one. */
export function context(
  actor: Actor,
  effectiveDate: string,
  commandId = `cmd-${++n}`,
): CommandContext {
  // Recorded on the day it takes effect: a delegation in force then is in force when recorded.
  return {
    actor,
    commandId,
    correlationId: `corr-${commandId}`,
    causationId: null,
    effectiveDate,
    recordedOn: effectiveDate,
  };
}

/**
 * The registers an allocation is checked against: the units, and 30/QĐ-UBND of 25/3/2024
 * (allocations under an unregistered decision, or to an unregistered unit, are refused);
 * or the decisions a spec cites (a QĐ unless it says), each of the district's committee.
 */
export async function registerReference(
  store: EventStore,
  units: readonly string[],
  decisions: readonly { number: string; issuedOn: string; type?: DocumentType }[] = [
    { number: '30/QĐ-UBND', issuedOn: '2024-03-25' },
  ],
): Promise<void> {
  const handler = new DecideOnStreamHandler(store);
  for (const code of units) {
    await handler.execute(
      new DecideOnStreamCommand(
        context(admin, '2021-01-01'),
        streamIdForSpendingUnit(code),
        spendingUnitDecider,
        {
          type: 'RegisterSpendingUnit',
          actor: admin,
          on: '2021-01-01',
          data: {
            code,
            name: `Đơn vị ${code}`,
            kind: 'district_agency',
            validFrom: '2021-01-01',
            validTo: null,
          },
        },
        code,
      ),
    );
  }
  for (const d of decisions) {
    await handler.execute(
      new DecideOnStreamCommand(
        context(admin, d.issuedOn),
        streamIdForLegalDocument(d.number, d.issuedOn),
        legalDocumentDecider,
        {
          type: 'RegisterLegalDocument',
          actor: admin,
          on: d.issuedOn,
          data: {
            number: d.number,
            type: d.type ?? 'QĐ',
            issuer: 'UBND huyện Ba Tơ',
            issuedOn: d.issuedOn,
            signerName: null,
            signerCapacity: null,
            title: `Quyết định ${d.number}`,
          },
        },
        d.number,
      ),
    );
  }
}

/**
 * Given a closed year: records its FiscalYearClosed as the approval would, for specs of
 * what a closed year takes (closing itself is specified in fiscal-year/close-fiscal-year.int-spec.ts).
 */
export async function givenClosedYear(store: EventStore, year: number): Promise<void> {
  await store.append(
    `fiscal-year-${year}`,
    [
      {
        id: randomUUID(),
        type: 'FiscalYearClosed',
        schemaVersion: 1,
        data: { fiscalYear: year, approvedBy: approver.userId, proposedBy: admin.userId },
        metadata: {
          actor: approver.userId,
          correlationId: `close-${year}`,
          causationId: null,
          effectiveDate: `${year + 1}-02-15`,
        },
      },
    ],
    { expectedRevision: 'any' },
  );
}

/**
 * Given a unit's plan of 2024 as these events record it (e.g. the Ba Tơ plan drafted,
 * submitted and approved): for specs of spending under it, not of planning.
 */
export async function givenPlan(
  store: EventStore,
  leadUnit: string,
  events: readonly PlanEvent[],
): Promise<void> {
  await store.append(
    streamIdForPlan(2024, leadUnit),
    events.map((event, i) =>
      encodeEvent(event, deterministicUuid('plan', String(i)), {
        actor: 'u-officer',
        correlationId: 'plan',
        causationId: null,
        effectiveDate: event.data.on,
      }),
    ),
    { expectedRevision: 'no_stream' },
  );
}

/**
 * Given a line opened by an older release, before the register of its year's lines existed
 * (or written by a history generator): its first allocation on its stream, and no listing.
 */
export async function givenLineOpenedBeforeRegister(
  store: EventStore,
  lineId: string,
  amount: bigint,
): Promise<void> {
  const key = parseBudgetLineId(lineId);
  const metadata = {
    actor: admin.userId,
    correlationId: `old-${lineId}`,
    causationId: null,
    effectiveDate: `${key.fiscalYear}-03-25`,
  };
  const event = (type: string, data: JsonObject) => ({
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata,
  });
  await store.append(
    budgetLineStreamId(lineId),
    [
      event('BudgetLineOpened', { budgetLineId: lineId, ...key }),
      event('FundsAllocated', {
        budgetLineId: lineId,
        amount: amount.toString(),
        decision: '30/QĐ-UBND',
        legalBasis: ['30/QĐ-UBND'],
      }),
    ],
    { expectedRevision: 'no_stream' },
  );
}

/**
 * A fresh embedded log for each test of the calling describe, with the line commands over
 * it and the given units registered; closed and removed after the test.
 */
export function embeddedLedgerPerTest(
  prefix: string,
  units: readonly string[],
): { readonly store: SqliteEventStore; readonly lines: LineCommands } {
  let dir = '';
  let store: SqliteEventStore | null = null;
  let lines: LineCommands | null = null;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    lines = new LineCommands(store);
    await registerReference(store, units);
  });
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const opened = <T>(value: T | null): T => {
    if (value === null) throw new Error('the embedded ledger exists only inside a test');
    return value;
  };
  return {
    get store() {
      return opened(store);
    },
    get lines() {
      return opened(lines);
    },
  };
}
