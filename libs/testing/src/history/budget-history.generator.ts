import { executeOnStream, type CommandContext, type ExecutionResult } from '@app/application';
import {
  budgetLineDecider,
  budgetLineId,
  budgetLineStreamId,
  DomainError,
  type Actor,
  type Authority,
  type BudgetLineCommand,
  type BudgetLineEvent,
  type BudgetLineKey,
  type BudgetLineState,
  type FundSource,
} from '@app/budgeting';
import type { EventStore } from '@app/event-store';
import { registeredDecision, registeredFacts } from './registered-facts';
import { SeededRandom } from './seeded-random';
import { afterLapse, retainBeforeLapse } from './year-end.steps';

/** A clock the generator moves, given to the event store so recorded times are under test control. */
export class ManualClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  today(): string {
    return this.current.toISOString().slice(0, 10);
  }
}

const ADMIN: Actor = { userId: 'gen-admin', name: 'Quản trị', role: 'admin', unit: null };
const OFFICER: Actor = { userId: 'gen-officer', name: 'Cán bộ', role: 'officer', unit: null };
const ACCOUNTANT: Actor = {
  userId: 'gen-accountant',
  name: 'Kế toán',
  role: 'accountant',
  unit: null,
};
const APPROVER: Actor = {
  userId: 'gen-approver',
  name: 'Phó Chủ tịch',
  role: 'approver',
  unit: null,
};
const AUTHORITY: Authority = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: [],
  units: [],
  validFrom: null,
  validTo: null,
};

const PARTS = ['DA6.TDA2', 'DA7.TDA1', 'DA7.TDA2'];
const SOURCES: FundSource[] = ['central', 'provincial', 'district'];
const UNITS = ['LDTBXH', 'TU-PHAP', 'VHTT'];
const DAY = 86_400_000;
/** The day 30/QĐ-UBND's allocations take effect (carry-overs, 699/QĐ-UBND, on 19/03). */
const MONEY_IN_EFFECT = '2024-03-25';

export interface GeneratedHistory {
  readonly seed: number;
  readonly lines: readonly string[];
  readonly commands: number;
  readonly refused: number;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Writes a realistic, seeded budget history through the real deciders and command
 * executor: allocations, carry-overs, transfers, expenditures proposed, approved, paid and
 * reversed, cancellations, and back-dated entries recorded weeks (up to `maxDaysLate`
 * days) after they took effect.
 * `onStep` runs between operations (e.g. to project incrementally).
 */
export async function generateBudgetHistory(
  store: EventStore,
  clock: ManualClock,
  options: {
    readonly seed: number;
    readonly operations: number;
    readonly onStep?: (i: number) => Promise<void>;
    /** How many days at most a back-dated entry is recorded after it took effect (45). */
    readonly maxDaysLate?: number;
  },
): Promise<GeneratedHistory> {
  const random = new SeededRandom(options.seed);
  // The Treasury's choices draw from their own sequence: the rest of the history stays the
  // one each seed gave before payments went through the Treasury.
  const treasury = new SeededRandom(options.seed * 7919 + 17);
  let commands = 0;
  let refused = 0;
  const run = async (
    lineId: string,
    actor: Actor,
    on: string,
    command: Omit<BudgetLineCommand, 'actor' | 'on'>,
  ): Promise<ExecutionResult<BudgetLineEvent> | null> => {
    commands++;
    const context: CommandContext = {
      actor,
      commandId: `gen-${options.seed}-${commands}`,
      correlationId: `c-${commands}`,
      causationId: null,
      effectiveDate: on,
      recordedOn: on,
    };
    const full = { ...command, actor, on } as BudgetLineCommand;
    try {
      return await executeOnStream<BudgetLineEvent, BudgetLineState>(store, context, {
        streamId: budgetLineStreamId(lineId),
        name: budgetLineDecider.name,
        initialState: budgetLineDecider.initialState,
        evolve: budgetLineDecider.evolveRecorded,
        decide: (state) => budgetLineDecider.decide(full, state, lineId),
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refused++;
      return null;
    }
  };

  const keys: BudgetLineKey[] = [];
  for (const programPart of PARTS) {
    for (const unit of UNITS.slice(0, random.int(1, UNITS.length))) {
      keys.push({
        fiscalYear: 2024,
        programPart,
        fundSource: random.pick(SOURCES),
        sourceYear: 2024,
        unit,
      });
      if (random.chance(0.5))
        keys.push({
          fiscalYear: 2024,
          programPart,
          fundSource: 'district',
          sourceYear: 2023,
          unit,
        });
    }
  }
  const lines = keys.map(budgetLineId);
  for (const key of keys) {
    const id = budgetLineId(key);
    const amount = BigInt(random.int(50, 500)) * 1_000_000n;
    if (key.sourceYear < key.fiscalYear) {
      await run(id, ADMIN, '2024-03-19', {
        type: 'CarryIn',
        data: { key, amount, decision: '699/QĐ-UBND', transferId: `co-${id}`, fromLine: null },
      });
    } else {
      await run(id, ADMIN, '2024-03-25', {
        type: 'AllocateFunds',
        data: {
          key,
          amount,
          decision: '30/QĐ-UBND',
          legalBasis: ['30/QĐ-UBND'],
          ...registeredFacts(key, '30/QĐ-UBND', '2024-03-25'),
        },
      });
    }
    clock.advance(random.int(1, 3600) * 1000);
  }

  const open: {
    lineId: string;
    id: string;
    /** `sent`: its payment dossier is at the State Treasury awaiting the answer. */
    status: 'proposed' | 'approved' | 'sent' | 'disbursed';
    /** The date of its last decision: the next one is not dated before it. */
    on: string;
    /** An advance (tạm ứng) is settled and recovered once paid, not reversed. */
    kind: 'payment' | 'advance';
    /** What of an advance is still open (its amount until settled or recovered). */
    left: bigint;
  }[] = [];
  const settledOnce = new Set<string>();
  // Spending starts once the allocations took effect (25/03): nothing is used before it exists.
  while (clock.today() < MONEY_IN_EFFECT) clock.advance(3600_000);
  for (let i = 0; i < options.operations; i++) {
    clock.advance(random.int(10, 20 * 3600) * 1000 + (random.chance(0.1) ? DAY : 0));
    const today = clock.today();
    // A back-dated entry: it took effect weeks before the day it is recorded.
    const backDated = random.chance(0.15)
      ? addDays(today, -random.int(5, options.maxDaysLate ?? 45))
      : today;
    const on = backDated < MONEY_IN_EFFECT ? MONEY_IN_EFFECT : backDated;
    const lineId = random.pick(lines);
    const roll = random.next();
    if (roll < 0.4) {
      const id = `exp-${options.seed}-${i}`;
      // Every fourth proposal an advance: chosen by the step, so the random sequence is kept.
      const kind = i % 4 === 1 ? 'advance' : 'payment';
      const amount = BigInt(random.int(1, 60)) * 1_000_000n + BigInt(random.int(0, 999)) * 1000n;
      const r = await run(lineId, OFFICER, on, {
        type: 'ProposeExpenditure',
        data: {
          expenditureId: id,
          amount,
          category: 'training',
          description: `Khoản chi ${i}`,
          payee: 'Đơn vị',
          activity: null,
          voucher: null,
          personDays: null,
          jointTeam: false,
          leadAgency: 'LDTBXH',
          kind,
        },
      });
      if (r) open.push({ lineId, id, status: 'proposed', on, kind, left: amount });
    } else if (roll < 0.7 && open.length > 0) {
      const e = random.pick(open);
      // Dates run in order: an approval not before its proposal, a payment not before its approval.
      const at = on < e.on ? e.on : on;
      if (e.status === 'proposed') {
        const approved = random.chance(0.85);
        const r = await run(
          e.lineId,
          APPROVER,
          at,
          approved
            ? {
                type: 'ApproveExpenditure',
                data: { expenditureId: e.id, authority: AUTHORITY, legalBasis: ['30/QĐ-UBND'] },
              }
            : {
                type: 'RejectExpenditure',
                data: { expenditureId: e.id, authority: AUTHORITY, reason: 'Thiếu hồ sơ' },
              },
        );
        if (r) Object.assign(e, { status: 'approved', on: at });
        if (r && !approved) open.splice(open.indexOf(e), 1);
      } else if (e.status === 'approved' && treasury.chance(0.75)) {
        // Most payments go through the Treasury's dossier; the others are recorded paid directly.
        const r = await run(e.lineId, ACCOUNTANT, at, {
          type: 'SendExpenditureToTreasury',
          data: { expenditureId: e.id, dossier: `HS-${options.seed}-${i}`, treasuryOffice: null },
        });
        if (r) Object.assign(e, { status: 'sent', on: at });
        // Often the Treasury answers the same day (its answer is recorded with the sending).
        const now = r && treasury.chance(0.6);
        if (now && (await answerFromTreasury(run, treasury, e, at, i)))
          open.splice(open.indexOf(e), 1);
      } else if (e.status === 'approved') {
        const r = await run(e.lineId, ACCOUNTANT, at, {
          type: 'DisburseExpenditure',
          data: { expenditureId: e.id, voucher: `UNC-${i}`, paidOn: at },
        });
        if (r) Object.assign(e, { status: 'disbursed', on: at });
      } else if (e.status === 'sent' && random.chance(0.9)) {
        if (await answerFromTreasury(run, treasury, e, at, i)) open.splice(open.indexOf(e), 1);
      } else if (e.kind === 'advance' && e.status === 'disbursed') {
        await settleOrRecover(e, at, `${options.seed}-${i}`);
      } else if (random.chance(0.3)) {
        const r = await run(e.lineId, ACCOUNTANT, at, {
          type: 'ReverseExpenditure',
          data: { expenditureId: e.id, reason: 'Kho bạc từ chối' },
        });
        if (r) open.splice(open.indexOf(e), 1);
      }
    } else if (roll < 0.85 && !lineId.includes('.2023.')) {
      // Reallocations move current-year money between current-year lines of one fund source:
      // anything else needs a permitting decision (issue 16, item 5).
      const source = keys[lines.indexOf(lineId)]?.fundSource;
      const peers = lines.filter(
        (l, k) => l !== lineId && !l.includes('.2023.') && keys[k]?.fundSource === source,
      );
      if (peers.length === 0) continue;
      const to = random.pick(peers);
      const amount = BigInt(random.int(1, 30)) * 1_000_000n;
      const transferId = `tr-${options.seed}-${i}`;
      const toKey = keys[lines.indexOf(to)];
      const out = await run(lineId, ADMIN, on, {
        type: 'TransferOut',
        data: {
          kind: 'reallocation',
          amount,
          decision: `${100 + i}/QĐ-UBND`,
          transferId,
          toLine: to,
        },
      });
      if (out && out.events.length > 0 && toKey) {
        clock.advance(random.int(1, 600) * 1000);
        await run(to, ADMIN, on, {
          type: 'TransferIn',
          data: {
            key: toKey,
            amount,
            decision: `${100 + i}/QĐ-UBND`,
            transferId,
            fromLine: lineId,
          },
        });
      }
    } else if (roll < 0.9) {
      await run(lineId, ADMIN, on, {
        type: 'CancelFunds',
        data: {
          amount: BigInt(random.int(1, 5)) * 1_000_000n,
          decision: `${500 + i}/QĐ-UBND`,
          reason: 'Điều chỉnh giảm',
          ...registeredDecision(`${500 + i}/QĐ-UBND`, on),
        },
      });
    }
    await options.onStep?.(i);
  }
  /**
   * A paid advance is first settled by a voucher for three quarters of it, then its
   * remainder recovered (thu hồi); advances never picked again stay open at the year's end.
   */
  async function settleOrRecover(e: (typeof open)[number], at: string, ref: string): Promise<void> {
    if (e.left === 0n) return;
    const settling = !settledOnce.has(e.id);
    const amount = settling ? e.left - e.left / 4n : e.left;
    const r = await run(
      e.lineId,
      ACCOUNTANT,
      at,
      settling
        ? {
            type: 'SettleAdvance',
            data: { expenditureId: e.id, amount, vouchers: [{ number: `HD-${ref}`, date: at }] },
          }
        : { type: 'RecoverAdvance', data: { expenditureId: e.id, amount, receipt: `GNT-${ref}` } },
    );
    if (!r) return;
    settledOnce.add(e.id);
    e.left -= amount;
    e.on = at;
    if (e.left === 0n) open.splice(open.indexOf(e), 1);
  }
  // The year ends: a decision keeps some approved spending, carried-over money lapses after
  // 31/12 with what was approved and not kept; late vouchers correct the lapse, and money
  // left on the higher levels' lines goes back to them.
  await retainBeforeLapse(run, open);
  clock.advance(400 * DAY);
  for (const lineId of lines.filter((l) => l.includes('.2023.'))) {
    await run(lineId, ADMIN, '2025-01-01', {
      type: 'LapseCarryOver',
      data: { today: '2025-01-01' },
    });
  }
  await afterLapse(run, lines, options.seed);
  return { seed: options.seed, lines, commands, refused };
}

type Run = (
  lineId: string,
  actor: Actor,
  on: string,
  command: Omit<BudgetLineCommand, 'actor' | 'on'>,
) => Promise<unknown>;

/**
 * The Treasury answers a dossier: mostly paid under a payment order; sometimes refused,
 * the commitment kept (the dossier is corrected and sent again) or released. Returns
 * whether the payment ended (released).
 */
async function answerFromTreasury(
  run: Run,
  random: SeededRandom,
  e: { lineId: string; id: string; status: string; on: string },
  at: string,
  i: number,
): Promise<boolean> {
  const roll = random.next();
  if (roll < 0.55) {
    const r = await run(e.lineId, ACCOUNTANT, at, {
      type: 'RecordTreasuryAcceptance',
      data: { expenditureId: e.id, paymentOrder: `UNC-${i}`, dossier: null },
    });
    if (r) Object.assign(e, { status: 'disbursed', on: at });
    return false;
  }
  const commitment = roll < 0.8 ? 'kept' : 'released';
  const r = await run(e.lineId, ACCOUNTANT, at, {
    type: 'RecordTreasuryRefusal',
    data: {
      expenditureId: e.id,
      reason: 'Sai thông tin tài khoản thụ hưởng',
      commitment,
      dossier: null,
    },
  });
  if (r && commitment === 'kept') Object.assign(e, { status: 'approved', on: at });
  return Boolean(r) && commitment === 'released';
}
