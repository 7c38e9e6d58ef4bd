import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { FISCAL_YEAR_POLICIES, type Actor, type Authority } from '@app/budgeting';
import {
  ApproveFiscalYearCloseCommand,
  ProposeFiscalYearCloseCommand,
  type CommandAnswer,
} from '@app/application';
import { Allow, CurrentActor, CurrentAuthority } from '../auth';
import { FiscalYearParam } from '../http/path-params';
import { CommandKey } from '../idempotency/idempotency-key.decorator';
import { ApiCommand } from '../openapi/api-docs';
import { RequestContexts } from '../shared-context';
import { ApproveFiscalYearCloseDto, CloseFiscalYearDto } from './fiscal-year.dto';

/** Khóa sổ: proposed by the finance office, approved by an approver (two persons). */
@ApiTags('fiscal years')
@Controller('api/v1/fiscal-years')
export class FiscalYearsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: RequestContexts,
  ) {}

  @Post(':year/close')
  @Allow(FISCAL_YEAR_POLICIES.ProposeFiscalYearClose)
  @ApiCommand(
    'Đề nghị khóa sổ năm ngân sách / Propose closing a fiscal year',
    201,
    'After the adjustment period (after 31/01 of the next year), with every line of the year settled. The year is closed once an approver approves.',
  )
  propose(
    @FiscalYearParam() year: number,
    @Body() body: CloseFiscalYearDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    return this.commands.execute(
      new ProposeFiscalYearCloseCommand(this.contexts.of(actor, key, body.effectiveDate), year),
    );
  }

  @Post(':year/close/approve')
  @HttpCode(200)
  @Allow(FISCAL_YEAR_POLICIES.ApproveFiscalYearClose)
  @ApiCommand(
    'Phê duyệt khóa sổ năm ngân sách / Approve closing a fiscal year',
    200,
    'By another person than the proposer; a closed year takes only corrections citing what they correct.',
  )
  approve(
    @FiscalYearParam() year: number,
    @Body() body: ApproveFiscalYearCloseDto,
    @CurrentActor() actor: Actor,
    @CurrentAuthority() authority: Authority | null,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.action(actor, key, body.effectiveDate);
    return this.commands.execute(new ApproveFiscalYearCloseCommand(context, year, authority));
  }
}
