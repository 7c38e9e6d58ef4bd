/**
 * A fast, seeded generator of realistic budget histories, from 10k to millions of events.
 *
 * It does not run the deciders command by command (libs/testing's generator does, and is
 * the reference for correctness but far too slow for 1M events). It keeps the little
 * state the rules need (each line's available money, each expenditure's status), builds
 * the events the deciders would emit for each command — same types, same data shapes,
 * money as decimal strings, the command executor's metadata — and appends them through
 * the real SqliteEventStore, batched per stream, so that revisions, the hash chain and
 * validation are the adapter's own.
 *
 * What a history holds, per fiscal year (2023, 2024, 2025 by default) and per district:
 * allocations to every line, carry-overs from last year's lines (transfers of kind
 * carry_over, or from outside the ledger), expenditures proposed (each filed in its own
 * stream, some claiming a voucher), approved or rejected, disbursed, reversed and
 * re-proposed as corrections; reallocations between lines (transfer stream, debit,
 * credit, completion), cancellations, supplementary allocations, lapses of unspent
 * carried-over money after 31/12, and back-dated entries (effective weeks before they
 * were recorded, including last December's payments recorded in January).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normRowFor } from '@app/budgeting';
import {
  SqliteEventStore,
  type EventMetadataInput,
  type ExpectedRevision,
  type JsonObject,
  type NewEvent,
} from '@app/event-store';
import { Random } from './random';

/** Bump when the shape of generated histories changes: cached files are regenerated. */
// 2: recorded time never moves backwards (v1 pulled the clock back to 24 Dec).
// 3: delays inside an operation bounded by its share of the year (v2 ran decades ahead at 1M).
// 4: approved-but-unpaid money of a carry-over lapses with it; late payments precede the lapse.
export const GENERATOR_VERSION = 4;

export interface HistoryOptions {
  readonly seed: number;
  /** How many events to write (at least; the last command completes). */
  readonly events: number;
  /** Most events per append (one stream's buffered events go in batches of this size). */
  readonly batchSize?: number;
  /** Buffered events across all streams before they are appended. */
  readonly flushEvery?: number;
  /** Proposals left pending at the end, each approvable (for the HTTP benchmark). */
  readonly pending?: number;
  readonly fiscalYears?: readonly number[];
}

export interface PendingExpenditure {
  readonly id: string;
  readonly lineId: string;
}

export interface HistoryManifest {
  readonly generatorVersion: number;
  readonly seed: number;
  readonly targetEvents: number;
  readonly events: number;
  readonly appends: number;
  readonly streams: number;
  readonly lines: number;
  readonly districts: number;
  readonly fiscalYears: readonly number[];
  readonly firstRecordedAt: string;
  readonly lastRecordedAt: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly pending: readonly PendingExpenditure[];
  readonly durationMs: number;
}

const PARTS = ['DA1', 'DA3.TDA1', 'DA5.TDA2', 'DA6.TDA2', 'DA7.TDA1', 'DA7.TDA2'];
const UNITS = ['LDTBXH', 'TUPHAP', 'VHTT', 'YTE', 'GDDT', 'NNPTNT'];
const SOURCES = ['central', 'provincial', 'district'] as const;
const CATEGORIES = ['training', 'communication', 'printing', 'meeting', 'survey', 'other'];
const GIVEN = ['Nguyễn Văn', 'Trần Thị', 'Lê Hoàng', 'Phạm Minh', 'Đinh Văn', 'Hồ Thị'];
const NAMES = ['An', 'Bình', 'Cường', 'Dung', 'Hạnh', 'Khánh', 'Lan', 'Mai', 'Tích', 'Vân'];
const HOUR = 3_600_000;

interface Actor {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly unit: string | null;
}

interface Line {
  readonly id: string;
  readonly stream: string;
  readonly fiscalYear: number;
  readonly programPart: string;
  readonly fundSource: string;
  readonly sourceYear: number;
  readonly unit: string;
  readonly district: number;
  readonly carried: boolean;
  available: bigint;
  lapsed: boolean;
}

type Status = 'proposed' | 'approved' | 'disbursed';

interface Expenditure {
  readonly id: string;
  readonly line: Line;
  readonly amount: bigint;
  readonly effectiveDate: string;
  readonly proposedBy: string;
  status: Status;
  slot: number;
}

/** Unordered set with O(1) add, remove and random pick. */
class Pool {
  readonly items: Expenditure[] = [];
  add(e: Expenditure): void {
    e.slot = this.items.length;
    this.items.push(e);
  }
  remove(e: Expenditure): void {
    const last = this.items.pop();
    if (last && last !== e) {
      this.items[e.slot] = last;
      last.slot = e.slot;
    }
  }
  pick(random: Random): Expenditure | undefined {
    return this.items[Math.floor(random.next() * this.items.length)];
  }
  get size(): number {
    return this.items.length;
  }
}

/** One emitted event waiting for the next flush, with the instant it happened. */
interface Buffered {
  readonly stream: string;
  readonly event: NewEvent;
  readonly time: number;
}

function date(ms: number): string {
  // Business dates are Vietnam's (UTC+7).
  return new Date(ms + 7 * HOUR).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function money(value: bigint): string {
  return value.toString();
}

/** A lowercase UUID-shaped id from a 32-bit prefix and a counter: unique, fast, deterministic. */
function uuidFrom(prefix: number, n: number): string {
  const p = (prefix >>> 0).toString(16).padStart(8, '0');
  const c = n.toString(16).padStart(19, '0');
  return `${p}-${c.slice(0, 4)}-5${c.slice(4, 7)}-8${c.slice(7, 10)}-${c.slice(10, 19)}000`;
}

class Generator {
  private readonly random: Random;
  private buffer: Buffered[] = [];
  private readonly revisions = new Map<string, bigint>();
  private buffered = 0;
  private eventCounter = 0;
  private expenditureCounter = 0;
  private commandCounter = 0;
  private transferCounter = 0;
  private voucherCounter = 0;
  private now: number;
  private firstRecordedAt: number | null = null;
  private lastRecordedAt = 0;
  /** An operation's share of the current year, in ms (see `year`). */
  private pace = HOUR;
  readonly counts: Record<string, number> = {};
  emitted = 0;
  appends = 0;
  private readonly errors: unknown[] = [];
  private readonly districts: number;
  readonly linesByYear = new Map<number, Line[]>();
  private readonly lineById = new Map<string, Line>();
  private readonly pools = new Map<number, Record<Status, Pool>>();
  private readonly batchSize: number;
  private readonly flushEvery: number;

  constructor(
    private readonly store: SqliteEventStore,
    private readonly db: Database.Database,
    private readonly options: HistoryOptions,
    readonly fiscalYears: readonly number[],
  ) {
    this.random = new Random(options.seed);
    this.batchSize = options.batchSize ?? 100;
    this.flushEvery = options.flushEvery ?? 4000;
    this.districts = Math.max(3, Math.min(60, Math.round(options.events / 25_000)));
    this.now = Date.UTC((fiscalYears[0] ?? 2023) - 1, 11, 28, 2);
  }

  clock = (): Date => new Date(this.now);

  get districtCount(): number {
    return this.districts;
  }

  get streamCount(): number {
    return this.revisions.size;
  }

  get recordedRange(): { first: string; last: string } {
    return {
      first: new Date(this.firstRecordedAt ?? this.lastRecordedAt).toISOString(),
      last: new Date(this.lastRecordedAt).toISOString(),
    };
  }

  // ---- actors -------------------------------------------------------------------------

  private person(seed: number): string {
    return `${GIVEN[seed % GIVEN.length]} ${NAMES[Math.floor(seed / GIVEN.length) % NAMES.length]}`;
  }

  private officer(line: Line): Actor {
    return {
      userId: `off-${line.unit}`,
      name: this.person(line.unit.length * 7 + line.district),
      role: 'officer',
      unit: line.unit,
    };
  }

  private accountant(line: Line): Actor {
    return {
      userId: `acc-${line.unit}`,
      name: this.person(line.district * 3 + 1),
      role: 'accountant',
      unit: line.unit,
    };
  }

  private approver(district: number): Actor {
    return {
      userId: `appr-H${district}`,
      name: this.person(district * 5 + 2),
      role: 'approver',
      unit: null,
    };
  }

  private admin(district: number): Actor {
    return { userId: `admin-H${district}`, name: 'Quản trị', role: 'admin', unit: null };
  }

  private static readonly SYSTEM: Actor = {
    userId: 'system:transfers',
    name: 'Quy trình điều chuyển',
    role: 'admin',
    unit: null,
  };

  // ---- emitting -----------------------------------------------------------------------

  private metadata(
    actor: Actor,
    effectiveDate: string,
    correlationId: string,
    causationId: string | null,
    extra: JsonObject = {},
  ): EventMetadataInput {
    return {
      actor: actor.userId,
      correlationId,
      causationId,
      effectiveDate,
      extra: { actorName: actor.name, actorRole: actor.role, actorUnit: actor.unit, ...extra },
    };
  }

  private command(): string {
    this.commandCounter++;
    return `c-${this.options.seed}-${this.commandCounter}`;
  }

  /** Buffers one event; returns its id (causation of the process's follow-ups). */
  private emit(
    stream: string,
    type: string,
    data: JsonObject,
    metadata: EventMetadataInput,
  ): string {
    const id = uuidFrom(this.options.seed, ++this.eventCounter);
    this.buffer.push({
      stream,
      event: { id, type, schemaVersion: 1, data, metadata },
      time: this.now,
    });
    this.buffered++;
    this.emitted++;
    this.counts[type] = (this.counts[type] ?? 0) + 1;
    return id;
  }

  /**
   * Appends the buffered events through the adapter in the order they happened, each
   * run of consecutive events of one stream (a command's events, ≤ batchSize) as one
   * append, with the store's clock set to the run's last instant: every event is
   * recorded when it happened, recorded times rise with positions, and no event is
   * recorded before it took effect. (v1 buffered per stream and stamped a whole year of
   * a stream's events with its last instant.) One outer transaction per flush (each
   * append a savepoint inside it) keeps loading fast.
   */
  flush(): void {
    if (this.buffered === 0) return;
    const pending = this.buffer;
    this.buffer = [];
    this.buffered = 0;
    const saved = this.now;
    this.db.transaction(() => {
      for (let i = 0; i < pending.length;) {
        const first = pending[i];
        if (!first) break;
        let end = i + 1;
        while (end < pending.length && end - i < this.batchSize) {
          if (pending[end]?.stream !== first.stream) break;
          end++;
        }
        const run = pending.slice(i, end);
        i = end;
        this.now = Math.max(run.at(-1)?.time ?? first.time, this.lastRecordedAt);
        this.firstRecordedAt ??= this.now;
        this.lastRecordedAt = this.now;
        const current = this.revisions.get(first.stream);
        const expectedRevision: ExpectedRevision = current ?? 'no_stream';
        // The adapter's append runs synchronously inside; the promise only reports.
        this.store
          .append(
            first.stream,
            run.map((b) => b.event),
            { expectedRevision },
          )
          .catch((error: unknown) => this.errors.push(error));
        this.revisions.set(first.stream, (current ?? -1n) + BigInt(run.length));
        this.appends++;
      }
    })();
    this.now = Math.max(saved, this.now);
  }

  async settle(): Promise<void> {
    this.flush();
    await new Promise((resolve) => setImmediate(resolve));
    if (this.errors.length > 0) throw this.errors[0];
  }

  private maybeFlush(): void {
    if (this.buffered >= this.flushEvery) this.flush();
  }

  private effective(floor: string, backdate: boolean): string {
    const today = date(this.now);
    if (!backdate) return today < floor ? floor : today;
    const back = addDays(today, -this.random.int(5, 45));
    return back < floor ? floor : back;
  }

  private advance(ms: number): void {
    this.now += ms;
  }

  // ---- structure ----------------------------------------------------------------------

  private pool(year: number): Record<Status, Pool> {
    let pools = this.pools.get(year);
    if (!pools) {
      pools = { proposed: new Pool(), approved: new Pool(), disbursed: new Pool() };
      this.pools.set(year, pools);
    }
    return pools;
  }

  /** The programme's lines: the same combinations of unit, part and source every year. */
  private linesFor(year: number): Line[] {
    const structure = new Random(this.options.seed ^ 0x5eed);
    const lines: Line[] = [];
    for (let d = 1; d <= this.districts; d++) {
      for (const unitName of UNITS) {
        const unit = `${unitName}-H${String(d).padStart(2, '0')}`;
        const parts = PARTS.filter(() => structure.chance(0.5));
        if (parts.length === 0) parts.push(structure.pick(PARTS));
        for (const part of parts) {
          const source = structure.pick(SOURCES);
          const carries = structure.chance(0.3);
          const make = (sourceYear: number): Line => {
            const id = `${year}.${part}.${source}.${sourceYear}.${unit}`;
            const line: Line = {
              id,
              stream: `budget-line-${id}`,
              fiscalYear: year,
              programPart: part,
              fundSource: source,
              sourceYear,
              unit,
              district: d,
              carried: sourceYear < year,
              available: 0n,
              lapsed: false,
            };
            this.lineById.set(id, line);
            return line;
          };
          lines.push(make(year));
          if (carries) lines.push(make(year - 1));
        }
      }
    }
    return lines;
  }

  // ---- commands -----------------------------------------------------------------------

  private open(line: Line, actor: Actor, on: string, correlation: string): void {
    this.emit(
      line.stream,
      'BudgetLineOpened',
      {
        budgetLineId: line.id,
        fiscalYear: line.fiscalYear,
        programPart: line.programPart,
        fundSource: line.fundSource,
        sourceYear: line.sourceYear,
        unit: line.unit,
      },
      this.metadata(actor, on, correlation, null),
    );
  }

  private allocate(line: Line, first: boolean): void {
    const actor = this.admin(line.district);
    const on = this.effective(`${line.fiscalYear}-01-01`, !first && this.random.chance(0.15));
    const correlation = this.command();
    if (first) this.open(line, actor, on, correlation);
    const amount = BigInt(this.random.int(first ? 200 : 20, first ? 3000 : 400)) * 1_000_000n;
    const decision = `${this.random.int(10, 999)}/QĐ-UBND`;
    this.emit(
      line.stream,
      'FundsAllocated',
      { budgetLineId: line.id, amount: money(amount), decision, legalBasis: [decision] },
      this.metadata(actor, on, correlation, null),
    );
    line.available += amount;
  }

  /** Money for a carried-over line: from last year's same line if it has some, else from outside. */
  private carryIn(line: Line): void {
    const previousId = `${line.fiscalYear - 1}.${line.programPart}.${line.fundSource}.${line.sourceYear}.${line.unit}`;
    const previous = this.lineById.get(previousId);
    const on = this.effective(`${line.fiscalYear}-01-01`, false);
    const decision = `${this.random.int(600, 799)}/QĐ-UBND`;
    const deadline = `${line.fiscalYear}-12-31`;
    if (previous && previous.available > 10_000_000n) {
      const amount = (previous.available * BigInt(this.random.int(50, 100))) / 100n;
      const transferId = `tr-${this.options.seed}-${++this.transferCounter}`;
      const stream = `transfer-${transferId}`;
      const correlation = this.command();
      const officer = this.officer(line);
      this.emit(
        stream,
        'TransferRequested',
        {
          transferId,
          kind: 'carry_over',
          fromLine: previous.id,
          toLine: line.id,
          amount: money(amount),
          decision,
          legalBasis: [decision],
          requestedBy: officer.userId,
        },
        this.metadata(officer, on, correlation, null),
      );
      const approver = this.approver(line.district);
      const approval = this.emit(
        stream,
        'TransferApproved',
        {
          transferId,
          approvedBy: approver.userId,
          authority: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' },
        },
        this.metadata(approver, on, this.command(), null),
      );
      const extra = { transferId, decision };
      const system = Generator.SYSTEM;
      this.emit(
        previous.stream,
        'FundsCarriedOut',
        { budgetLineId: previous.id, amount: money(amount), decision, transferId, toLine: line.id },
        this.metadata(system, on, correlation, approval, extra),
      );
      previous.available -= amount;
      this.open(line, system, on, correlation);
      this.emit(
        line.stream,
        'FundsCarriedIn',
        {
          budgetLineId: line.id,
          amount: money(amount),
          decision,
          transferId,
          fromLine: previous.id,
          deadline,
        },
        this.metadata(system, on, correlation, approval, extra),
      );
      this.emit(
        stream,
        'TransferCompleted',
        { transferId },
        this.metadata(system, on, correlation, approval, extra),
      );
      line.available += amount;
    } else {
      const admin = this.admin(line.district);
      const correlation = this.command();
      const amount = BigInt(this.random.int(50, 800)) * 1_000_000n;
      this.open(line, admin, on, correlation);
      this.emit(
        line.stream,
        'FundsCarriedIn',
        {
          budgetLineId: line.id,
          amount: money(amount),
          decision,
          transferId: `co-${line.id}`,
          fromLine: null,
          deadline,
        },
        this.metadata(admin, on, correlation, null),
      );
      line.available += amount;
    }
  }

  private propose(
    line: Line,
    correction: { corrects: string; reason: string } | null,
    on?: string,
  ): Expenditure {
    const officer = this.officer(line);
    const when = on ?? this.effective(`${line.fiscalYear}-01-01`, this.random.chance(0.15));
    const id = uuidFrom(this.options.seed ^ 0xe0e0e0e0, ++this.expenditureCounter);
    const correlation = this.command();
    const travel = this.random.chance(0.12);
    const personDays = travel ? this.random.int(2, 60) : null;
    const amount = travel
      ? BigInt(personDays ?? 1) * BigInt(this.random.int(100, 200)) * 1000n
      : BigInt(this.random.int(1, 60)) * 1_000_000n + BigInt(this.random.int(0, 999)) * 1000n;
    const voucher = this.random.chance(0.3)
      ? `UNC-${this.options.seed}-${++this.voucherCounter}`
      : null;
    const meta = this.metadata(officer, when, correlation, null);
    if (travel) this.travel.add(id);
    if (voucher !== null) {
      this.emit(
        `voucher-${voucher.replace(/[\s._-]+/g, '').toUpperCase()}`,
        'VoucherClaimed',
        { voucher, expenditureId: id, budgetLineId: line.id },
        meta,
      );
    }
    this.emit(
      `expenditure-${id}`,
      'ExpenditureFiled',
      { expenditureId: id, budgetLineId: line.id },
      meta,
    );
    this.emit(
      line.stream,
      'ExpenditureProposed',
      {
        budgetLineId: line.id,
        expenditureId: id,
        amount: money(amount),
        category: travel ? 'travel_allowance' : this.random.pick(CATEGORIES),
        description: travel
          ? `Công tác phí kiểm tra ${line.programPart}`
          : `Chi hoạt động ${line.programPart} đợt ${this.random.int(1, 12)}`,
        payee: this.random.chance(0.5)
          ? `Đơn vị ${line.unit}`
          : `Công ty TNHH ${this.random.pick(NAMES)}`,
        activity: this.random.chance(0.6) ? `${line.programPart}.HĐ${this.random.int(1, 9)}` : null,
        voucher,
        personDays,
        jointTeam: false,
        proposedBy: officer.userId,
        correction,
      },
      meta,
    );
    const e: Expenditure = {
      id,
      line,
      amount,
      effectiveDate: when,
      proposedBy: officer.userId,
      status: 'proposed',
      slot: -1,
    };
    this.pool(line.fiscalYear).proposed.add(e);
    return e;
  }

  private decide(e: Expenditure): void {
    const line = e.line;
    const approver = this.approver(line.district);
    const on = this.effective(e.effectiveDate, this.random.chance(0.15));
    const correlation = this.command();
    const authority = { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' };
    const pools = this.pool(line.fiscalYear);
    pools.proposed.remove(e);
    if (line.available >= e.amount && this.random.chance(0.9)) {
      const legalBasis = [`${this.random.int(10, 999)}/QĐ-UBND`];
      const norm = this.normFor(e, on);
      this.emit(
        line.stream,
        'ExpenditureApproved',
        {
          budgetLineId: line.id,
          expenditureId: e.id,
          amount: money(e.amount),
          approvedBy: approver.userId,
          authority,
          legalBasis,
          normApplied: norm,
        },
        this.metadata(approver, on, correlation, null, { ...authority, legalBasis }),
      );
      line.available -= e.amount;
      e.status = 'approved';
      pools.approved.add(e);
    } else {
      this.emit(
        line.stream,
        'ExpenditureRejected',
        {
          budgetLineId: line.id,
          expenditureId: e.id,
          rejectedBy: approver.userId,
          authority,
          reason: line.available >= e.amount ? 'Thiếu hồ sơ chứng từ' : 'Vượt dự toán còn lại',
        },
        this.metadata(approver, on, correlation, null),
      );
    }
  }

  private readonly travel = new Set<string>();
  private normFor(e: Expenditure, on: string): string | null {
    if (!this.travel.has(e.id)) return null;
    return normRowFor('per_diem', on, null)?.source.document ?? null;
  }

  private disburse(e: Expenditure, on?: string): void {
    const line = e.line;
    const accountant = this.accountant(line);
    const paidOn = on ?? this.effective(e.effectiveDate, this.random.chance(0.15));
    const pools = this.pool(line.fiscalYear);
    pools.approved.remove(e);
    this.emit(
      line.stream,
      'ExpenditureDisbursed',
      {
        budgetLineId: line.id,
        expenditureId: e.id,
        amount: money(e.amount),
        voucher: `UNC-KB-${this.random.int(10000, 99999)}`,
        paidOn,
      },
      this.metadata(accountant, paidOn, this.command(), null),
    );
    e.status = 'disbursed';
    pools.disbursed.add(e);
  }

  private reverse(e: Expenditure): void {
    const line = e.line;
    const accountant = this.accountant(line);
    const on = this.effective(e.effectiveDate, this.random.chance(0.4));
    const pools = this.pool(line.fiscalYear);
    (e.status === 'approved' ? pools.approved : pools.disbursed).remove(e);
    const disbursed = e.status === 'disbursed' ? e.amount : 0n;
    this.emit(
      line.stream,
      'ExpenditureReversed',
      {
        budgetLineId: line.id,
        expenditureId: e.id,
        committedAmount: money(e.amount),
        disbursedAmount: money(disbursed),
        reason: 'Kho bạc từ chối thanh toán: sai thông tin đơn vị thụ hưởng',
      },
      this.metadata(accountant, on, this.command(), null),
    );
    line.available += e.amount;
    // Half of the reversals are corrected: proposed again, back-dated to the original date.
    if (this.random.chance(0.5)) {
      this.propose(
        line,
        { corrects: e.id, reason: 'Đề nghị lại sau khi sửa thông tin thụ hưởng' },
        e.effectiveDate,
      );
    }
  }

  private transfer(from: Line, to: Line): void {
    const cap = from.available / 2n;
    if (cap < 5_000_000n) return;
    let amount = BigInt(this.random.int(5, 300)) * 1_000_000n;
    if (amount > cap) amount = (cap / 1_000_000n) * 1_000_000n;
    const transferId = `tr-${this.options.seed}-${++this.transferCounter}`;
    const stream = `transfer-${transferId}`;
    const on = this.effective(`${from.fiscalYear}-01-01`, this.random.chance(0.15));
    const decision = `${this.random.int(100, 999)}/QĐ-UBND`;
    const officer = this.officer(to);
    const correlation = this.command();
    this.emit(
      stream,
      'TransferRequested',
      {
        transferId,
        kind: 'reallocation',
        fromLine: from.id,
        toLine: to.id,
        amount: money(amount),
        decision,
        legalBasis: [decision],
        requestedBy: officer.userId,
      },
      this.metadata(officer, on, correlation, null),
    );
    // An approval a day or two later, but never more than an operation's share of the
    // year: a big history's thousands of transfers would otherwise push the clock on by
    // decades (the operations are simulated one after another, not interleaved).
    this.advance(Math.min(this.random.int(1, 48) * HOUR, this.pace));
    const approver = this.approver(from.district);
    const approvalCorrelation = this.command();
    const approval = this.emit(
      stream,
      'TransferApproved',
      {
        transferId,
        approvedBy: approver.userId,
        authority: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' },
      },
      this.metadata(approver, on, approvalCorrelation, null),
    );
    const system = Generator.SYSTEM;
    const extra = { transferId, decision };
    this.emit(
      from.stream,
      'FundsTransferredOut',
      { budgetLineId: from.id, amount: money(amount), decision, transferId, toLine: to.id },
      this.metadata(system, on, approvalCorrelation, approval, extra),
    );
    this.emit(
      to.stream,
      'FundsTransferredIn',
      { budgetLineId: to.id, amount: money(amount), decision, transferId, fromLine: from.id },
      this.metadata(system, on, approvalCorrelation, approval, extra),
    );
    this.emit(
      stream,
      'TransferCompleted',
      { transferId },
      this.metadata(system, on, approvalCorrelation, approval, extra),
    );
    from.available -= amount;
    to.available += amount;
  }

  private cancel(line: Line): void {
    const cap = line.available / 10n;
    if (cap < 1_000_000n) return;
    let amount = BigInt(this.random.int(1, 50)) * 1_000_000n;
    if (amount > cap) amount = (cap / 1_000_000n) * 1_000_000n;
    const admin = this.admin(line.district);
    const on = this.effective(`${line.fiscalYear}-01-01`, this.random.chance(0.15));
    this.emit(
      line.stream,
      'FundsCancelled',
      {
        budgetLineId: line.id,
        amount: money(amount),
        decision: `${this.random.int(500, 999)}/QĐ-UBND`,
        reason: 'Điều chỉnh giảm dự toán',
      },
      this.metadata(admin, on, this.command(), null),
    );
    line.available -= amount;
  }

  /**
   * After its deadline a carried-over line's uncommitted money lapses, and so does what was
   * approved but not paid (no decision in these histories keeps it): as the line decider
   * decides LapseCarryOver, one ExpenditureLapsed each, then the line's CarryOverLapsed.
   */
  private lapse(line: Line, on: string): void {
    if (line.lapsed) return;
    line.lapsed = true;
    const deadline = `${line.fiscalYear}-12-31`;
    const approved = this.pool(line.fiscalYear).approved;
    const unpaid = approved.items.filter((e) => e.line === line);
    const command = this.command();
    let committed = 0n;
    for (const e of unpaid) {
      approved.remove(e);
      committed += e.amount;
      this.emit(
        line.stream,
        'ExpenditureLapsed',
        { budgetLineId: line.id, expenditureId: e.id, amount: money(e.amount), deadline },
        this.metadata(Generator.SYSTEM_LAPSE, on, command, null),
      );
    }
    this.emit(
      line.stream,
      'CarryOverLapsed',
      { budgetLineId: line.id, amount: money(line.available + committed), deadline },
      this.metadata(Generator.SYSTEM_LAPSE, on, command, null),
    );
    line.available = 0n;
  }

  private static readonly SYSTEM_LAPSE: Actor = {
    userId: 'system:carry-over',
    name: 'Quy trình chuyển nguồn',
    role: 'admin',
    unit: null,
  };

  // ---- the years ----------------------------------------------------------------------

  async run(): Promise<void> {
    const years = this.fiscalYears;
    const perYear = Math.ceil(this.options.events / years.length);
    for (let y = 0; y < years.length; y++) {
      const year = years[y] ?? 2024;
      const target = Math.min(this.options.events, perYear * (y + 1));
      await this.year(year, target);
    }
    if (this.options.pending) this.leavePending(years.at(-1) ?? 2025, this.options.pending);
    await this.settle();
  }

  private async year(year: number, target: number): Promise<void> {
    this.now = Math.max(this.now, Date.UTC(year, 0, 2, 1));
    const previous = this.linesByYear.get(year - 1) ?? [];
    // Last year's approved spending is paid, back-dated to 31/12 and entered before the
    // lapse is recorded (entered after it, a payment would need a correction of the lapse);
    // then carried-over money lapses, with what was approved and left unpaid.
    const late = this.pool(year - 1).approved;
    // The year's opening (late payments, then allocations) within its first fortnight.
    const opening =
      (14 * 24 * HOUR) / Math.max(1, late.size + (this.linesByYear.get(year - 1)?.length ?? 0));
    for (const e of [...late.items]) {
      if (this.random.chance(0.7)) {
        this.advance(Math.min(this.random.int(1, 30) * 60_000, opening));
        this.disburse(e, `${year - 1}-12-31`);
      }
    }
    for (const line of previous) if (line.carried) this.lapse(line, `${year}-01-01`);
    this.maybeFlush();

    const lines = this.linesFor(year);
    this.linesByYear.set(year, lines);
    for (const line of lines) {
      this.advance(Math.min(this.random.int(1, 20) * 60_000, opening));
      if (line.carried) this.carryIn(line);
      else this.allocate(line, true);
      this.maybeFlush();
    }
    const current = lines.filter((l) => !l.carried);
    const byDistrict = new Map<number, Line[]>();
    for (const l of current) byDistrict.set(l.district, [...(byDistrict.get(l.district) ?? []), l]);

    const yearEnd = Date.UTC(year, 11, 24);
    // An operation's share of the year (about 2.4 events each): bounds the delays inside one.
    this.pace = Math.max(60_000, (yearEnd - this.now) / Math.max(1, (target - this.emitted) / 2.4));
    const pools = this.pool(year);
    while (this.emitted < target) {
      // Spread the remaining operations (about 2.4 events each) over what is left of the
      // year, re-estimated at every step so the clock neither races to the year's end nor
      // has to be pulled back: recorded time only ever moves forward.
      const remaining = Math.max(1, (target - this.emitted) / 2.4);
      const step = Math.max(1, Math.floor((yearEnd - this.now) / remaining));
      this.advance(Math.floor(step * (0.5 + this.random.next())));
      const line = this.random.pick(lines);
      const roll = this.random.next();
      if (roll < 0.36 || line.lapsed) {
        if (!line.lapsed) this.propose(line, null);
      } else if (roll < 0.58) {
        const e = pools.proposed.pick(this.random);
        if (e) this.decide(e);
      } else if (roll < 0.74) {
        const e = pools.approved.pick(this.random);
        if (e) this.disburse(e);
      } else if (roll < 0.77) {
        const e = this.random.chance(0.5)
          ? pools.approved.pick(this.random)
          : pools.disbursed.pick(this.random);
        if (e) this.reverse(e);
      } else if (roll < 0.86) {
        const peers = byDistrict.get(line.district) ?? [];
        const from = this.random.pick(peers);
        const to = this.random.pick(peers);
        // Without a permitting decision money stays within its fund source and its kind
        // (carried-over or current-year): issue 16, item 5.
        const permitted = from.fundSource === to.fundSource && from.sourceYear === to.sourceYear;
        if (from !== to && permitted && from.fiscalYear === to.fiscalYear) this.transfer(from, to);
      } else if (roll < 0.92) {
        this.cancel(line);
      } else {
        if (!line.carried) this.allocate(line, false);
      }
      this.maybeFlush();
    }
    this.flush();
  }

  /** Small proposals on this year's lines, each approvable even if all are approved. */
  private leavePending(year: number, count: number): void {
    const lines = (this.linesByYear.get(year) ?? []).filter((l) => !l.carried && !l.lapsed);
    const pending: PendingExpenditure[] = [];
    const amount = 100_000n;
    for (let i = 0; i < count; i++) {
      const line = lines[i % lines.length];
      if (!line) break;
      if (line.available < amount * BigInt(Math.ceil(count / lines.length) + 1)) {
        this.allocate(line, false);
      }
      const officer = this.officer(line);
      const id = uuidFrom(this.options.seed ^ 0x0dd0dd0d, i + 1);
      const on = date(this.now);
      const meta = this.metadata(officer, on, this.command(), null);
      this.emit(
        `expenditure-${id}`,
        'ExpenditureFiled',
        { expenditureId: id, budgetLineId: line.id },
        meta,
      );
      this.emit(
        line.stream,
        'ExpenditureProposed',
        {
          budgetLineId: line.id,
          expenditureId: id,
          amount: money(amount),
          category: 'meeting',
          description: `Họp triển khai ${line.programPart} (${i})`,
          payee: `Đơn vị ${line.unit}`,
          activity: null,
          voucher: null,
          personDays: null,
          jointTeam: false,
          proposedBy: officer.userId,
          correction: null,
        },
        meta,
      );
      pending.push({ id, lineId: line.id });
      this.advance(60_000);
      this.maybeFlush();
    }
    this.pendingList = pending;
  }

  pendingList: PendingExpenditure[] = [];
}

/** Writes a history into a new SQLite event log at `file`; returns its manifest. */
export async function generateHistory(
  file: string,
  options: HistoryOptions,
): Promise<HistoryManifest> {
  const started = Date.now();
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  const fiscalYears = options.fiscalYears ?? [2023, 2024, 2025];
  let generator: Generator | null = null;
  const store = new SqliteEventStore({ file, clock: () => generator?.clock() ?? new Date(0) });
  // A fixture, not the ledger: loading skips the fsyncs; the file is checkpointed and
  // synchronous=FULL restored before anyone measures it.
  const db = (store as unknown as { db: Database.Database }).db;
  db.pragma('synchronous = OFF');
  try {
    generator = new Generator(store, db, options, fiscalYears);
    await generator.run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('synchronous = FULL');
    const range = generator.recordedRange;
    return {
      generatorVersion: GENERATOR_VERSION,
      seed: options.seed,
      targetEvents: options.events,
      events: generator.emitted,
      appends: generator.appends,
      streams: generator.streamCount,
      lines: [...generator.linesByYear.values()].reduce((n, l) => n + l.length, 0),
      districts: generator.districtCount,
      fiscalYears,
      firstRecordedAt: range.first,
      lastRecordedAt: range.last,
      counts: generator.counts,
      pending: generator.pendingList,
      durationMs: Date.now() - started,
    };
  } finally {
    await store.close();
  }
}

export const DATA_DIR = join(__dirname, '..', '.data');

/**
 * A cached history: generated once per (generator version, seed, size, pending) into
 * bench/.data, then reused. Callers that write to the log must copy it first.
 */
export async function ensureHistory(
  events: number,
  options: {
    readonly seed?: number;
    readonly pending?: number;
    readonly log?: (m: string) => void;
  } = {},
): Promise<{ file: string; manifest: HistoryManifest }> {
  const seed = options.seed ?? 7;
  const pending = options.pending ?? 0;
  mkdirSync(DATA_DIR, { recursive: true });
  const name = `history-v${GENERATOR_VERSION}-s${seed}-n${events}${pending ? `-p${pending}` : ''}`;
  const file = join(DATA_DIR, `${name}.sqlite`);
  const manifestFile = join(DATA_DIR, `${name}.manifest`);
  if (existsSync(file) && existsSync(manifestFile)) {
    return { file, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) as HistoryManifest };
  }
  options.log?.(`generating ${events.toLocaleString('en-US')} events (seed ${seed})…`);
  const temp = `${file}.tmp`;
  const manifest = await generateHistory(temp, { seed, events, pending });
  renameSync(temp, file);
  rmSync(`${temp}-wal`, { force: true });
  rmSync(`${temp}-shm`, { force: true });
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  options.log?.(
    `generated ${manifest.events.toLocaleString('en-US')} events in ${(manifest.durationMs / 1000).toFixed(1)} s (${Math.round(manifest.events / (manifest.durationMs / 1000)).toLocaleString('en-US')} events/s)`,
  );
  return { file, manifest };
}
