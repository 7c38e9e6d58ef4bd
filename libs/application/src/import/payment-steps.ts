import { budgetLineId, budgetLineStreamId, normClaimFromText } from '@app/budgeting';
import { RecoverAdvanceCommand, SettleAdvanceCommand } from '../advances/advance.handlers';
import { deterministicUuid } from '../deterministic-id';
import { SignExpenditureCommand } from '../expenditures/decide-expenditure.handlers';
import { ProposeExpenditureCommand } from '../expenditures/propose-expenditure.handler';
import {
  RecordTreasuryAcceptanceCommand,
  RecordTreasuryRefusalCommand,
  SendExpenditureToTreasuryCommand,
} from '../expenditures/treasury.handlers';
import {
  DATA_FILES,
  type Illustrative,
  type PaymentItem,
  type PaymentsFile,
  type PersonItem,
  type TreasuryStepItem,
} from './data-set';
import { actorOf, type ImportStep, type StepBase, type StepIo } from './import-step';
import type { PathSegments } from './yaml-file';

/*
 * payments.yaml: each payment's life, one command per step, sent to the handlers the HTTP
 * routes send theirs to (POST /expenditures, …/sign, …/treasury-submissions,
 * …/treasury-acceptance, …/treasury-refusal, …/settlements, …/recoveries), by the person
 * the item names, on its date. Every step appends to the payment's line first, so the
 * line's stream is where the dry run finds it in the log.
 */

/** A refusal's field named as the item's (the domain names the API's body fields). */
const PROPOSAL_FIELDS = {
  on: 'proposedOn',
  effectiveDate: 'proposedOn',
  budgetLineId: 'line',
  expenditureId: null,
  fuelPriceAmount: 'fuelPrice',
} as const;

const STEP_FIELDS = { on: 'on', effectiveDate: 'on', expenditureId: null } as const;

/** Every step of every payment, in the file's order and each payment's own order. */
export function paymentSteps(
  file: PaymentsFile,
  people: ReadonlyMap<string, PersonItem>,
): ImportStep[] {
  return file.payments.flatMap((payment, i) => stepsOf(payment, i, file.fiscalYear, people));
}

function stepsOf(
  payment: PaymentItem,
  index: number,
  fiscalYear: number,
  people: ReadonlyMap<string, PersonItem>,
): ImportStep[] {
  const lineId = budgetLineId({ fiscalYear, ...payment.line });
  const streamId = budgetLineStreamId(lineId);
  const prefix = `import:payments:${fiscalYear}:${payment.id}`;
  const proposer = actorFor(people, payment.proposedBy);
  const proposeId = `${prefix}:propose`;
  // The id POST /expenditures would give it: from the proposer and the command's id.
  const expenditureId = deterministicUuid('expenditure', proposer.userId, proposeId);
  const own = (illustrative: Illustrative | undefined): Illustrative =>
    illustrative ?? payment.illustrative ?? false;
  const item = (path: PathSegments, by: string, on: string, illustrative?: Illustrative) =>
    ({
      file: DATA_FILES.payments,
      path: ['payments', index, ...path],
      // A refused step stops the payment: its later steps would only be refused in turn.
      item: ['payments', index],
      illustrative: own(illustrative),
      streamId,
      actor: actorFor(people, by),
      effectiveDate: on,
      fields: STEP_FIELDS,
    }) as const;

  const propose: StepBase = {
    ...item([], payment.proposedBy, payment.proposedOn),
    kind: 'payment_proposal',
    commandId: proposeId,
    fields: PROPOSAL_FIELDS,
  };
  const steps: ImportStep[] = [
    step(propose, (io, s) =>
      io.commands.execute(
        new ProposeExpenditureCommand(io.context(s), {
          budgetLineId: lineId,
          amount: BigInt(payment.amount),
          category: payment.category,
          description: payment.description,
          payee: payment.payee,
          activity: payment.activity ?? null,
          planUnit: payment.planUnit ?? null,
          voucher: payment.voucher ?? null,
          personDays: null,
          jointTeam: false,
          economicCode: payment.economicCode ?? null,
          normClaim: payment.normClaim ? normClaimFromText(payment.normClaim, BigInt) : null,
          correction: null,
          ...(payment.kind === 'advance' ? { kind: payment.kind } : {}),
        }),
      ),
    ),
  ];
  (payment.signatures ?? []).forEach((s, j) => {
    const base: StepBase = {
      ...item(['signatures', j], s.by, s.on, s.illustrative),
      kind: 'payment_signature',
      commandId: `${prefix}:sign:${j}`,
    };
    steps.push(
      step(base, (io, self) =>
        io.commands.execute(
          new SignExpenditureCommand(io.context(self), expenditureId, s.capacity ?? null, []),
        ),
      ),
    );
  });
  (payment.treasury ?? []).forEach((t, j) => {
    const base: StepBase = {
      ...item(['treasury', j], t.by, t.on, t.illustrative),
      kind: 'payment_treasury',
      commandId: `${prefix}:treasury:${j}`,
    };
    steps.push(step(base, (io, self) => io.commands.execute(treasuryCommand(io, self, t))));
  });
  (payment.settlements ?? []).forEach((s, j) => {
    const base: StepBase = {
      ...item(['settlements', j], s.by, s.on, s.illustrative),
      kind: 'advance_settlement',
      commandId: `${prefix}:settle:${j}`,
    };
    const vouchers = s.vouchers.map((v) => ({ number: v.number, date: v.date }));
    steps.push(
      step(base, (io, self) =>
        io.commands.execute(
          new SettleAdvanceCommand(
            io.context(self),
            expenditureId,
            BigInt(s.amount),
            vouchers,
            s.on,
          ),
        ),
      ),
    );
  });
  (payment.recoveries ?? []).forEach((r, j) => {
    const base: StepBase = {
      ...item(['recoveries', j], r.by, r.on, r.illustrative),
      kind: 'advance_recovery',
      commandId: `${prefix}:recover:${j}`,
    };
    steps.push(
      step(base, (io, self) =>
        io.commands.execute(
          new RecoverAdvanceCommand(
            io.context(self),
            expenditureId,
            BigInt(r.amount),
            r.receipt,
            r.on,
          ),
        ),
      ),
    );
  });
  return steps;

  function treasuryCommand(io: StepIo, self: ImportStep, t: TreasuryStepItem) {
    const context = io.context(self);
    switch (t.step) {
      case 'sent':
        return new SendExpenditureToTreasuryCommand(
          context,
          expenditureId,
          t.dossier,
          t.on,
          t.office ?? null,
        );
      case 'accepted':
        return new RecordTreasuryAcceptanceCommand(
          context,
          expenditureId,
          t.paymentOrder,
          t.on,
          t.dossier ?? null,
        );
      case 'refused':
        return new RecordTreasuryRefusalCommand(
          context,
          expenditureId,
          t.reason,
          t.on,
          t.commitment,
          t.dossier ?? null,
        );
    }
  }
}

function step(
  base: StepBase,
  send: (io: StepIo, self: ImportStep) => Promise<unknown>,
): ImportStep {
  const self: ImportStep = {
    ...base,
    run: async (io) => {
      await send(io, self);
    },
  };
  return self;
}

/** The person of people.yaml a step is taken by (the cross-check made sure there is one). */
function actorFor(people: ReadonlyMap<string, PersonItem>, id: string) {
  const person = people.get(id);
  if (!person) throw new Error(`payments.yaml names ${id}, who is not in people.yaml`);
  return actorOf(person);
}
