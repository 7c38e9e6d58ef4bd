import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { citationOf, parseBudgetLineId, type DecisionCitation } from '@app/budgeting';
import type { CommandContext } from '../command-executor';
import type { CommandAnswer } from '../command-executor';
import { LineCommands } from '../shared/line-commands';
import { lookUpCitedDecision } from './allocation-facts';

/**
 * Gia hạn: a decision extends the deadline of the carried-over lines it names. The decision
 * must be in the register of documents, of a kind that may extend (EXTENSION_DECISIONS),
 * cited with the register's date of issue and issued by the effective date.
 */
export class ExtendCarryOverDeadlineCommand extends Command<CommandAnswer & { lines: string[] }> {
  constructor(
    readonly context: CommandContext,
    readonly lines: readonly string[],
    readonly decision: { number: string; issuedOn: string; issuer?: string | null },
    readonly deadline: string,
    readonly coversLapsed: boolean,
  ) {
    super();
  }
}

/**
 * Every line is checked before any is changed, so a decision naming a line it may not
 * extend records nothing. Each line is its own stream: the appends are one per line, each
 * with its own command id derived from the request's, so a retried request finishes what
 * a crash left half done and repeats nothing.
 */
@CommandHandler(ExtendCarryOverDeadlineCommand)
export class ExtendCarryOverDeadlineHandler implements ICommandHandler<ExtendCarryOverDeadlineCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lines: LineCommands,
  ) {}

  async execute(c: ExtendCarryOverDeadlineCommand): Promise<CommandAnswer & { lines: string[] }> {
    const citation: DecisionCitation = citationOf(
      c.decision.number,
      c.decision.issuedOn,
      c.decision.issuer,
    );
    const ids = [...new Set(c.lines)];
    for (const id of ids) parseBudgetLineId(id);
    const decisionDocument = await lookUpCitedDecision(this.store, citation);
    const command = {
      type: 'ExtendCarryOverDeadline' as const,
      data: {
        decision: citation,
        decisionDocument,
        deadline: c.deadline,
        coversLapsed: c.coversLapsed,
      },
    };
    const contextOf = (id: string): CommandContext => ({
      ...c.context,
      commandId: `${c.context.commandId}:${id}`,
      extra: { ...c.context.extra, decision: citation.number },
    });
    const loaded = await Promise.all(ids.map((id) => this.lines.load(id)));
    const pending: string[] = [];
    for (const [i, id] of ids.entries()) {
      const view = loaded[i];
      if (!view) continue;
      // Already extended by this very request (a retry): nothing to check again.
      if (
        view.state.line.deadlineExtensions.includes(citation.number) &&
        view.state.line.carryOverDeadline === c.deadline
      )
        continue;
      await this.lines.check(id, contextOf(id), command, view);
      pending.push(id);
    }
    let position: bigint | null = null;
    for (const id of pending) {
      const result = await this.lines.run(id, contextOf(id), command);
      position = result.position ?? position;
    }
    return { id: citation.number, position: position?.toString() ?? null, lines: ids };
  }
}
