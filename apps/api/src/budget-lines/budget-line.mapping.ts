import {
  parseBudgetLineId,
  parseMoney,
  type Actor,
  type BudgetLineKey,
  type BudgetLineState,
} from '@app/budgeting';
import {
  AllocateFundsCommand,
  CancelFundsCommand,
  ClassifyBudgetLineCommand,
  ExtendCarryOverDeadlineCommand,
  RetainCommitmentsCommand,
  ReturnFundsCommand,
  type CommandContext,
} from '@app/application';
import { amountsToWire, GetBalancesQuery } from '@app/read-models';
import { visibleUnit } from '../auth/visibility';
import { timeOf } from '../http/time-query.dto';
import type {
  AllocateFundsDto,
  BalancesQueryDto,
  ExtendCarryOverDeadlineDto,
} from './budget-line.dto';
import type { RetainCommitmentsDto, ReturnFundsDto } from './lapse.dto';
import type { ClassifyBudgetLineDto } from './classification.dto';
import type { CancelFundsDto } from './cancel-funds.dto';

/** From the requests of the budget-lines routes to commands and queries, and back to the wire. */

export function allocateCommand(context: CommandContext, body: AllocateFundsDto) {
  const key: BudgetLineKey = {
    fiscalYear: body.fiscalYear,
    programPart: body.programPart,
    fundSource: body.fundSource,
    sourceYear: body.sourceYear,
    unit: body.unit,
  };
  const legalBasis = body.legalBasis ?? [body.decision];
  return new AllocateFundsCommand(context, key, parseMoney(body.amount), body.decision, legalBasis);
}

export function extendCommand(context: CommandContext, body: ExtendCarryOverDeadlineDto) {
  const decision = {
    number: body.decision,
    issuedOn: body.decisionIssuedOn,
    issuer: body.issuer ?? null,
  };
  const coversLapsed = body.coversLapsed ?? false;
  return new ExtendCarryOverDeadlineCommand(
    context,
    body.lines,
    decision,
    body.deadline,
    coversLapsed,
  );
}

export function retainCommand(context: CommandContext, id: string, body: RetainCommitmentsDto) {
  parseBudgetLineId(id);
  const decision = { ...body.decision };
  return new RetainCommitmentsCommand(context, id, decision, body.expenditureIds, body.until);
}

export function returnCommand(context: CommandContext, id: string, body: ReturnFundsDto) {
  parseBudgetLineId(id);
  return new ReturnFundsCommand(
    context,
    id,
    parseMoney(body.amount),
    body.source,
    body.toLevel,
    { ...body.decision },
    body.reason,
  );
}

export function cancelCommand(context: CommandContext, id: string, body: CancelFundsDto) {
  parseBudgetLineId(id);
  return new CancelFundsCommand(context, id, parseMoney(body.amount), body.decision, body.reason);
}

export function classifyCommand(context: CommandContext, id: string, body: ClassifyBudgetLineDto) {
  parseBudgetLineId(id);
  const { chapter, sector, program, source } = body;
  return new ClassifyBudgetLineCommand(context, id, { chapter, sector, program, source });
}

/** The balances a reader may see: their own unit's lines only, unless they see every unit. */
export function balancesQuery(q: BalancesQueryDto, actor: Actor): GetBalancesQuery {
  const unit = visibleUnit(actor);
  return new GetBalancesQuery({
    ...(unit === null ? {} : { unit }),
    ...(q.fiscalYear === undefined ? {} : { fiscalYear: q.fiscalYear }),
    ...timeOf(q),
  });
}

export function balancesFileName(q: BalancesQueryDto): string {
  return `so-du${q.fiscalYear ? `-${q.fiscalYear}` : ''}${q.asOf ? `-den-${q.asOf}` : ''}`;
}

/** One line as its own stream folds it: the balances, and the carry-over deadline if any. */
export function lineToWire(id: string, state: BudgetLineState): object {
  return {
    id,
    ...parseBudgetLineId(id),
    ...amountsToWire(state.balances),
    carryOverDeadline: state.carryOverDeadline,
    deadlineBasis: state.deadlineBasis,
    deadlineDecision: state.deadlineDecision,
    deadlineExtensions: state.deadlineExtensions,
  };
}
