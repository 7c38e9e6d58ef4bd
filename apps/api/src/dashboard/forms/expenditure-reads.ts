import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { LineCommands } from '@app/application';
import {
  DomainError,
  parseBudgetLineId,
  type Actor,
  type ExpenditureState,
  type UnitSignatory,
} from '@app/budgeting';
import { GetHistoryQuery } from '@app/read-models';
import { canSeeUnit } from '../visibility';

/** An expenditure as its pages and inboxes show it. */
export interface ExpenditureView {
  readonly id: string;
  readonly lineId: string;
  readonly unit: string;
  readonly programPart: string;
  readonly state: ExpenditureState;
  readonly proposedOn: string;
  readonly description: string;
  readonly payee: string;
  readonly isAdvance: boolean;
  /** The line's unit's register of account signatories (none: one approver decides). */
  readonly signatories: readonly UnitSignatory[];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Expenditures read from the command side's own state of their line (LineCommands, the
 * state every decision is judged on: status, signatures, the Treasury's answer) with
 * the description and payee from the line's history; only what the user may see.
 */
@Injectable()
export class ExpenditureReads {
  constructor(
    private readonly lines: LineCommands,
    private readonly queries: QueryBus,
  ) {}

  /** One expenditure, or null when there is none the user may see. */
  async one(actor: Actor, id: string): Promise<ExpenditureView | null> {
    let located: Awaited<ReturnType<LineCommands['expenditure']>>;
    try {
      located = await this.lines.expenditure(id);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not_found') return null;
      throw error;
    }
    const views = await this.ofLine(actor, located.budgetLineId, (e) => e.id === id);
    return views[0] ?? null;
  }

  /** The expenditures of a line that pass `keep`, newest proposal first. */
  async ofLine(
    actor: Actor,
    lineId: string,
    keep: (e: ExpenditureState) => boolean = () => true,
  ): Promise<ExpenditureView[]> {
    const key = parseBudgetLineId(lineId);
    if (!canSeeUnit(actor, key.unit)) return [];
    const view = await this.lines.view(lineId);
    const chosen = [...view.line.expenditures].map(([, e]) => e).filter(keep);
    if (chosen.length === 0) return [];
    const history = await this.queries.execute(new GetHistoryQuery(lineId, {}));
    const proposals = new Map(
      history.entries
        .filter((h) => h.type === 'ExpenditureProposed')
        .map((h) => [text(h.expenditureId), h]),
    );
    const signatories = await this.lines.signatories(lineId);
    return chosen
      .map((state): ExpenditureView => {
        const proposal = proposals.get(state.id);
        return {
          id: state.id,
          lineId,
          unit: key.unit,
          programPart: key.programPart,
          state,
          proposedOn: view.proposedOn.get(state.id) ?? '',
          description: text(proposal?.description),
          payee: text(proposal?.payee),
          isAdvance: view.line.advances.has(state.id),
          signatories,
        };
      })
      .sort((a, b) => (a.proposedOn < b.proposedOn ? 1 : a.proposedOn > b.proposedOn ? -1 : 0));
  }
}
